package care.anxin.domain.care;

import care.anxin.domain.vital.VitalSign;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * An elder's monitoring plan (stored as JSON in {@code elder.care_plan}, see {@link CarePlanJson}):
 * thresholds per vital sign, hours without movement before an inactivity alert, and minutes without
 * any data before a no-data alert. Missing entries mean "not set"; {@link #withDefaultsForAge(int)}
 * fills them from the {@link AgeBand} defaults.
 */
public record CarePlan(Map<VitalSign, Threshold> thresholds, Integer inactivityHours, Integer noDataMinutes) {

    public static final CarePlan EMPTY = new CarePlan(Map.of(), null, null);

    public CarePlan {
        EnumMap<VitalSign, Threshold> copy = new EnumMap<>(VitalSign.class);
        if (thresholds != null) {
            thresholds.forEach((sign, threshold) -> {
                if (sign != null && threshold != null && !threshold.empty()) {
                    copy.put(sign, threshold);
                }
            });
        }
        thresholds = Collections.unmodifiableMap(copy);
        if (inactivityHours != null && inactivityHours <= 0) {
            throw new IllegalArgumentException("inactivityHours must be positive, got " + inactivityHours);
        }
        if (noDataMinutes != null && noDataMinutes <= 0) {
            throw new IllegalArgumentException("noDataMinutes must be positive, got " + noDataMinutes);
        }
    }

    /** The full default plan for an elder of this age. */
    public static CarePlan defaultsForAge(int age) {
        return AgeBand.of(age).carePlan();
    }

    /** This plan with every vital sign and setting it leaves unset taken from the age defaults. */
    public CarePlan withDefaultsForAge(int age) {
        AgeBand band = AgeBand.of(age);
        EnumMap<VitalSign, Threshold> merged = new EnumMap<>(VitalSign.class);
        merged.putAll(band.thresholds());
        merged.putAll(thresholds);
        return new CarePlan(merged,
                inactivityHours != null ? inactivityHours : band.inactivityHours(),
                noDataMinutes != null ? noDataMinutes : band.noDataMinutes());
    }

    /** The threshold for {@code sign}; {@link Threshold#NONE} when the plan sets none. */
    public Threshold threshold(VitalSign sign) {
        Threshold threshold = thresholds.get(sign);
        return threshold != null ? threshold : Threshold.NONE;
    }

    public Classification classify(VitalSign sign, double value) {
        return threshold(sign).classify(value);
    }
}
