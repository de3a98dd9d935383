package care.anxin.simulator.provision;

import care.anxin.simulator.scenario.Conditions;
import care.anxin.simulator.scenario.ElderProfile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A demo health record per simulated elder (PUT /api/v1/elders/{id}/health-record): the written-down
 * conditions coded in ICD-10 with a follow-up plan (some hypertension follow-ups already overdue, so
 * the doctors' worklists have something in them) and the usual medication.
 */
final class HealthRecords {

    private record Coded(String icd10, String name, Integer followUpDays, String medication, String dose, String schedule) {
    }

    private static final Map<String, Coded> CODES = Map.of(
            Conditions.HYPERTENSION, new Coded("I10", "原发性高血压", 90, "氨氯地平片", "5 mg", "每日一次"),
            Conditions.DIABETES, new Coded("E11", "2型糖尿病", 90, "二甲双胍缓释片", "0.5 g", "每日两次"),
            Conditions.CORONARY, new Coded("I25", "慢性缺血性心脏病", 90, "阿司匹林肠溶片", "100 mg", "每日一次"),
            Conditions.DEMENTIA, new Coded("G30", "阿尔茨海默病", 90, "多奈哌齐", "5 mg", "每晚一次"),
            Conditions.COPD, new Coded("J44", "慢性阻塞性肺疾病", 90, "噻托溴铵吸入剂", "18 μg", "每日一次"),
            Conditions.OSTEOPOROSIS, new Coded("M81", "骨质疏松", 180, "碳酸钙D3片", "600 mg", "每日一次"),
            Conditions.ARRHYTHMIA, new Coded("I49", "心律失常", 90, null, null, null));

    private HealthRecords() {
    }

    static Map<String, Object> body(ElderProfile elder, LocalDate today) {
        List<Map<String, Object>> conditions = new ArrayList<>();
        List<Map<String, Object>> medications = new ArrayList<>();
        for (String written : new java.util.LinkedHashSet<>(elder.conditions())) {
            Coded c = CODES.get(written);
            if (c == null) {
                continue;
            }
            Map<String, Object> condition = new LinkedHashMap<>();
            condition.put("icd10", c.icd10());
            condition.put("name", c.name());
            condition.put("followUpDays", c.followUpDays());
            // Spread the next dates over the coming quarter, every fifth hypertension one overdue.
            int offset = c.icd10().equals("I10") && elder.index() % 5 == 0 ? -(3 + elder.index() % 20)
                    : 5 + (elder.index() * 7) % 85;
            condition.put("nextFollowUp", today.plusDays(offset).toString());
            conditions.add(condition);
            if (c.medication() != null) {
                medications.add(Map.of("name", c.medication(), "dose", c.dose(), "schedule", c.schedule()));
            }
        }
        return Map.of("bloodType", List.of("A", "B", "O", "AB").get(elder.index() % 4),
                "careLevel", elder.age() >= 85 ? "MODERATE" : elder.age() >= 75 ? "MILD" : "SELF_CARE",
                "allergies", elder.index() % 7 == 0 ? List.of("青霉素") : List.of(),
                "conditions", conditions, "medications", medications);
    }
}
