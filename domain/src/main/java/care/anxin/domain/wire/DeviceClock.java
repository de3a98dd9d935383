package care.anxin.domain.wire;

import java.time.Duration;
import java.time.Instant;

/** Device clocks lie: decides which time to store for a device ts (docs/protocol.md, "Common payload rules"). */
public final class DeviceClock {

    /** ts more than this ahead of the receive time is replaced by the receive time. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
    /** ts older than this is kept but flagged; it never raises an alert. */
    public static final Duration STALE_AFTER = Duration.ofDays(30);
    public static final int FLAG_FUTURE = 1;
    public static final int FLAG_STALE = 2;

    private DeviceClock() {
    }

    public static TimeCorrection check(Instant deviceTime, Instant receivedAt) {
        if (deviceTime.isAfter(receivedAt.plus(FUTURE_TOLERANCE))) {
            return new TimeCorrection(receivedAt, FLAG_FUTURE);
        }
        if (deviceTime.isBefore(receivedAt.minus(STALE_AFTER))) {
            return new TimeCorrection(deviceTime, FLAG_STALE);
        }
        return new TimeCorrection(deviceTime, 0);
    }
}
