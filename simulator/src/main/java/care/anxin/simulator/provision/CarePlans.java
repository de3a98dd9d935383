package care.anxin.simulator.provision;

import care.anxin.simulator.scenario.Conditions;
import care.anxin.simulator.scenario.ElderProfile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Personal care plans as a family doctor would set them: thresholds around the elder's own
 * baseline (a hypertensive elder's usual 150 mmHg is not an alert), in the API's JSON shape.
 */
final class CarePlans {

    private CarePlans() {
    }

    static Map<String, Object> forElder(ElderProfile elder) {
        boolean hypertensive = elder.has(Conditions.HYPERTENSION);
        boolean copd = elder.has(Conditions.COPD);
        boolean cardiac = elder.has(Conditions.CORONARY) || elder.has(Conditions.ARRHYTHMIA);
        Map<String, Object> thresholds = new LinkedHashMap<>();
        thresholds.put("HR", threshold(40, 50, cardiac ? 105 : 110, 130));
        thresholds.put("SPO2", threshold(copd ? 85 : 88, copd ? 89 : 92, null, null));
        thresholds.put("SBP", threshold(80, 90, hypertensive ? 170 : 155, hypertensive ? 190 : 180));
        thresholds.put("DBP", threshold(40, 50, hypertensive ? 105 : 95, 120));
        thresholds.put("TEMP", threshold(35.0, 35.5, 37.5, 39.0));
        thresholds.put("RR", threshold(8, 10, copd ? 26 : 24, 30));
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("thresholds", thresholds);
        plan.put("inactivityHours", 6);
        plan.put("noDataMinutes", 120); // the wristband comes off for charging every morning
        return plan;
    }

    private static Map<String, Object> threshold(Number criticalLow, Number low, Number high, Number criticalHigh) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("criticalLow", criticalLow);
        t.put("low", low);
        t.put("high", high);
        t.put("criticalHigh", criticalHigh);
        return t;
    }
}
