package care.anxin.fhir;

import care.anxin.domain.vital.VitalSign;
import care.anxin.store.clinical.ClinicalQueries.Reading;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * Readings → Observations following the R4 vital-signs profiles: LOINC code, category
 * vital-signs, UCUM quantity; systolic and diastolic taken together become one blood-pressure
 * panel (85354-9) with two components. Glucose is a laboratory observation, steps an activity one.
 */
public final class ObservationResources {

    public static final String BP_PANEL = "85354-9";
    private static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    private static final String PROFILE = "http://hl7.org/fhir/StructureDefinition/";

    private ObservationResources() {
    }

    /** Observation ids: elder, code, epoch millis (stable for the same stored reading). */
    public static String id(long elderId, String code, Date time) {
        return elderId + "-" + code.toLowerCase() + "-" + time.getTime();
    }

    /** All readings of one elder (any order) as Observations, blood pressure paired by time. */
    public static List<Observation> observations(long elderId, String elderName, List<Reading> readings) {
        Map<Long, Reading[]> pressure = new LinkedHashMap<>();
        List<Observation> out = new ArrayList<>();
        for (Reading r : readings) {
            if (r.code().equals("SBP") || r.code().equals("DBP")) {
                Reading[] pair = pressure.computeIfAbsent(r.time().toEpochMilli(), t -> new Reading[2]);
                pair[r.code().equals("SBP") ? 0 : 1] = r;
            } else {
                VitalSign.fromCode(r.code()).ifPresent(sign -> out.add(single(elderId, elderName, sign, r)));
            }
        }
        for (Reading[] pair : pressure.values()) {
            if (pair[0] != null && pair[1] != null) {
                out.add(bloodPressure(elderId, elderName, pair[0], pair[1]));
            } else {
                Reading only = pair[0] != null ? pair[0] : pair[1];
                out.add(single(elderId, elderName, VitalSign.valueOf(only.code()), only));
            }
        }
        out.sort((a, b) -> a.getEffectiveDateTimeType().getValue().compareTo(b.getEffectiveDateTimeType().getValue()));
        return out;
    }

    /** The LOINC codes a client may search by, per stored code (the panel stands for SBP and DBP). */
    public static List<String> storedCodesFor(String loinc) {
        if (BP_PANEL.equals(loinc)) {
            return List.of("SBP", "DBP");
        }
        if ("2708-6".equals(loinc)) {
            return List.of("SPO2");
        }
        return java.util.Arrays.stream(VitalSign.values()).filter(s -> s.loinc().equals(loinc)).map(VitalSign::code)
                .toList();
    }

    static Observation single(long elderId, String elderName, VitalSign sign, Reading r) {
        Observation o = base(elderId, elderName, sign.code(), r, category(sign));
        o.getCode().setText(sign.nameZh());
        if (sign == VitalSign.SPO2) {
            o.getCode().addCoding(new Coding(AnxinFhir.LOINC, "2708-6", "Oxygen saturation in Arterial blood"));
        }
        o.getCode().addCoding(new Coding(AnxinFhir.LOINC, sign.loinc(), sign.nameEn()));
        o.setValue(quantity(sign, r.value()));
        String profile = profile(sign);
        if (profile != null) {
            o.getMeta().addProfile(PROFILE + profile);
        }
        return o;
    }

    static Observation bloodPressure(long elderId, String elderName, Reading sbp, Reading dbp) {
        Observation o = base(elderId, elderName, "BP", sbp, "vital-signs");
        o.getMeta().addProfile(PROFILE + "bp");
        o.getCode().setText("血压").addCoding(new Coding(AnxinFhir.LOINC, BP_PANEL,
                "Blood pressure panel with all children optional"));
        o.addComponent().setCode(new CodeableConcept(new Coding(AnxinFhir.LOINC, VitalSign.SBP.loinc(),
                "Systolic blood pressure")).setText(VitalSign.SBP.nameZh())).setValue(quantity(VitalSign.SBP, sbp.value()));
        o.addComponent().setCode(new CodeableConcept(new Coding(AnxinFhir.LOINC, VitalSign.DBP.loinc(),
                "Diastolic blood pressure")).setText(VitalSign.DBP.nameZh())).setValue(quantity(VitalSign.DBP, dbp.value()));
        return o;
    }

    private static Observation base(long elderId, String elderName, String code, Reading r, String category) {
        Date time = Date.from(r.time());
        Observation o = new Observation();
        o.setId(id(elderId, code, time));
        o.addIdentifier().setSystem(AnxinFhir.OBSERVATION_ID).setValue(o.getIdElement().getIdPart());
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory().addCoding(new Coding(CATEGORY, category, switch (category) {
            case "vital-signs" -> "Vital Signs";
            case "laboratory" -> "Laboratory";
            default -> "Activity";
        }));
        o.setSubject(PatientResources.reference(elderId, elderName));
        o.setEffective(new DateTimeType(time, ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND,
                java.util.TimeZone.getTimeZone(PatientResources.zone())));
        o.setCode(new CodeableConcept());
        return o;
    }

    private static Quantity quantity(VitalSign sign, double value) {
        return new Quantity().setValue(BigDecimal.valueOf(value).stripTrailingZeros()).setUnit(unitText(sign))
                .setSystem(AnxinFhir.UCUM).setCode(sign.ucum());
    }

    private static String category(VitalSign sign) {
        return switch (sign) {
            case GLU -> "laboratory";
            case STEPS -> "activity";
            default -> "vital-signs";
        };
    }

    private static String profile(VitalSign sign) {
        return switch (sign) {
            case HR -> "heartrate";
            case SPO2 -> "oxygensat";
            case TEMP -> "bodytemp";
            case RR -> "resprate";
            case SBP, DBP -> "vitalsigns";
            default -> null;
        };
    }

    private static String unitText(VitalSign sign) {
        return switch (sign) {
            case HR -> "beats/minute";
            case RR -> "breaths/minute";
            case TEMP -> "°C";
            case SBP, DBP -> "mmHg";
            case STEPS -> "steps";
            default -> sign.ucum();
        };
    }
}
