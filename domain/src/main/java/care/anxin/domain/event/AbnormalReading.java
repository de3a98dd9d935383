package care.anxin.domain.event;

import care.anxin.domain.care.Classification;
import care.anxin.domain.care.Threshold;
import care.anxin.domain.vital.VitalSign;

/**
 * Payload of VITAL_ABNORMAL: one reading outside the elder's care plan, with the bounds it was
 * judged against (those that are set; null otherwise).
 */
public record AbnormalReading(VitalSign code, double value, Classification classification, Double criticalLow,
                              Double low, Double high, Double criticalHigh) implements DeviceEventPayload {

    public static AbnormalReading of(VitalSign sign, double value, Classification classification, Threshold t) {
        return t == null ? new AbnormalReading(sign, value, classification, null, null, null, null)
                : new AbnormalReading(sign, value, classification, t.criticalLow(), t.low(), t.high(), t.criticalHigh());
    }
}
