package care.anxin.domain.score;

import care.anxin.domain.vital.VitalSign;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An early-warning score in the spirit of NEWS2 (Royal College of Physicians, National Early
 * Warning Score 2, 2017), computed from the latest wearable readings.
 *
 * <p>Scored: respiration rate, SpO2 (scale 1; scale 2 is for confirmed hypercapnic respiratory
 * failure and needs a clinician's decision), systolic blood pressure, pulse and temperature.
 * Wearables cannot tell consciousness (ACVPU) or whether the elder is on supplemental oxygen: both
 * are scored as in NEWS2 for "alert" and "air" (0 points). The score is therefore a lower bound of
 * the clinical NEWS2 and never a substitute for a nurse's assessment. Parameters with no reading are
 * listed in {@link ScoreResult#missing()} and add nothing.
 *
 * <p>NEWS2 uses whole numbers (temperature one decimal); readings are rounded the same way before scoring.
 */
public final class EarlyWarningScore {

    /** The parameters a wearable can provide, in NEWS2 chart order. */
    public static final List<VitalSign> SCORED =
            List.of(VitalSign.RR, VitalSign.SPO2, VitalSign.SBP, VitalSign.HR, VitalSign.TEMP);

    private EarlyWarningScore() {
    }

    public static ScoreResult score(Map<VitalSign, Double> latest) {
        Map<VitalSign, Integer> parts = new EnumMap<>(VitalSign.class);
        List<String> missing = new ArrayList<>();
        int total = 0;
        boolean anyThree = false;
        for (VitalSign sign : SCORED) {
            Double value = latest == null ? null : latest.get(sign);
            if (value == null || !Double.isFinite(value)) {
                missing.add(sign.code());
                continue;
            }
            int points = points(sign, value);
            parts.put(sign, points);
            total += points;
            anyThree |= points == 3;
        }
        return new ScoreResult(total, parts, risk(total, anyThree), missing);
    }

    static Risk risk(int total, boolean anySingleThree) {
        if (total >= 7) {
            return Risk.HIGH;
        }
        if (total >= 5) {
            return Risk.MEDIUM;
        }
        return anySingleThree ? Risk.LOW_MEDIUM : Risk.LOW;
    }

    /** NEWS2 points for one parameter (0-3). */
    public static int points(VitalSign sign, double value) {
        return switch (sign) {
            case RR -> respiration(Math.round(value));
            case SPO2 -> saturation(Math.round(value));
            case SBP -> systolic(Math.round(value));
            case HR -> pulse(Math.round(value));
            case TEMP -> temperature(Math.round(value * 10) / 10.0);
            default -> throw new IllegalArgumentException(sign + " is not part of the early-warning score");
        };
    }

    private static int respiration(long rr) {
        if (rr <= 8) {
            return 3;
        }
        if (rr <= 11) {
            return 1;
        }
        if (rr <= 20) {
            return 0;
        }
        return rr <= 24 ? 2 : 3;
    }

    private static int saturation(long spo2) {
        if (spo2 <= 91) {
            return 3;
        }
        if (spo2 <= 93) {
            return 2;
        }
        return spo2 <= 95 ? 1 : 0;
    }

    private static int systolic(long sbp) {
        if (sbp <= 90) {
            return 3;
        }
        if (sbp <= 100) {
            return 2;
        }
        if (sbp <= 110) {
            return 1;
        }
        return sbp <= 219 ? 0 : 3;
    }

    private static int pulse(long hr) {
        if (hr <= 40) {
            return 3;
        }
        if (hr <= 50) {
            return 1;
        }
        if (hr <= 90) {
            return 0;
        }
        if (hr <= 110) {
            return 1;
        }
        return hr <= 130 ? 2 : 3;
    }

    private static int temperature(double celsius) {
        if (celsius <= 35.0) {
            return 3;
        }
        if (celsius <= 36.0) {
            return 1;
        }
        if (celsius <= 38.0) {
            return 0;
        }
        return celsius <= 39.0 ? 1 : 2;
    }
}
