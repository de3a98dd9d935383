package care.anxin.domain.wire;

import care.anxin.domain.vital.VitalSign;
import java.time.Instant;
import java.util.Objects;

/** One vital-sign reading; {@code time} is the reading's own ts or else the message ts. */
public record Reading(VitalSign sign, double value, Instant time) {
    public Reading {
        Objects.requireNonNull(sign, "sign");
        Objects.requireNonNull(time, "time");
    }
}
