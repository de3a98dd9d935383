package care.anxin.domain.wire;

import java.time.Instant;
import java.util.Objects;

/** A command for a device; fields not used by the {@code type} are null. */
public record DeviceCommand(String cmdId, CommandType type, Instant time, Long alertId, String text, String textEn,
                            Integer vitalsIntervalSec, Integer locationIntervalSec) {
    public DeviceCommand {
        Objects.requireNonNull(cmdId, "cmdId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        if (vitalsIntervalSec != null && vitalsIntervalSec <= 0) {
            throw new IllegalArgumentException("vitalsIntervalSec must be positive, got " + vitalsIntervalSec);
        }
        if (locationIntervalSec != null && locationIntervalSec <= 0) {
            throw new IllegalArgumentException("locationIntervalSec must be positive, got " + locationIntervalSec);
        }
    }
}
