package care.anxin.domain.vital;

import java.util.Optional;

/**
 * The vital signs a device may report, with the codes used on the wire, their LOINC codes, UCUM
 * units and the plausible range (docs/protocol.md): a value outside it is a sensor fault, not an
 * emergency.
 */
public enum VitalSign {
    HR("8867-4", "/min", "心率", "heart rate", 20, 250),
    SPO2("59408-5", "%", "血氧饱和度", "oxygen saturation (pulse oximetry)", 50, 100),
    SBP("8480-6", "mm[Hg]", "收缩压", "systolic blood pressure", 50, 260),
    DBP("8462-4", "mm[Hg]", "舒张压", "diastolic blood pressure", 30, 160),
    TEMP("8310-5", "Cel", "体温", "body temperature", 30, 43),
    RR("9279-1", "/min", "呼吸频率", "respiratory rate", 4, 60),
    STEPS("55423-8", "{steps}", "步数", "steps since the previous reading", 0, 100000),
    GLU("15074-8", "mmol/L", "血糖", "blood glucose", 1, 35);

    private final String loinc;
    private final String ucum;
    private final String nameZh;
    private final String nameEn;
    private final double plausibleMin;
    private final double plausibleMax;

    VitalSign(String loinc, String ucum, String nameZh, String nameEn, double plausibleMin, double plausibleMax) {
        this.loinc = loinc;
        this.ucum = ucum;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.plausibleMin = plausibleMin;
        this.plausibleMax = plausibleMax;
    }

    /** The code used on the wire and in the database (the enum name, e.g. {@code HR}). */
    public String code() {
        return name();
    }

    public String loinc() {
        return loinc;
    }

    public String ucum() {
        return ucum;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    public double plausibleMin() {
        return plausibleMin;
    }

    public double plausibleMax() {
        return plausibleMax;
    }

    /** Whether care plans set thresholds on this sign; steps are judged over hours as inactivity instead. */
    public boolean thresholded() {
        return this != STEPS;
    }

    /** True when a sensor could really have measured {@code value} (bounds inclusive). */
    public boolean plausible(double value) {
        return value >= plausibleMin && value <= plausibleMax;
    }

    /** Looks a wire code up without allocating or throwing (hot path of the gateway). */
    public static Optional<VitalSign> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (VitalSign sign : VALUES) {
            if (sign.name().equals(code)) {
                return Optional.of(sign);
            }
        }
        return Optional.empty();
    }

    private static final VitalSign[] VALUES = values();
}
