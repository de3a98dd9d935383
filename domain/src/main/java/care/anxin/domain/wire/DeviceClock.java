package care.anxin.domain.wire;

import java.time.Duration;
import java.time.Instant;

/** Device clocks lie: decides which time to store for a device ts (docs/protocol.md, "Device clocks lie"). */
public final class DeviceClock {

    /** ts more than this ahead of the receive time is replaced by the receive time. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
    /** ts older than this is kept but flagged; it never raises an alert (except SOS and falls: see checkUrgent). */
    public static final Duration STALE_AFTER = Duration.ofDays(30);
    /** An urgent event sent live (not marked replay) whose ts is older than this comes from a wrong clock. */
    public static final Duration URGENT_PAST_TOLERANCE = Duration.ofMinutes(10);
    /** The device ts was in the future: replaced by the receive time. */
    public static final int FLAG_FUTURE = 1;
    /** The device ts is more than 30 days old: history. */
    public static final int FLAG_STALE = 2;
    /** Urgent event with an implausible device ts: placed at the receive time, marked "device clock wrong". */
    public static final int FLAG_CLOCK_WRONG = 4;
    /** Urgent event the device marked as a store-and-forward replay, with a plausible ts: opens late at the device ts. */
    public static final int FLAG_REPLAY = 8;

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

    /**
     * SOS, FALL and FALL_CANCELLED are never dropped for their clock. A live event (not marked
     * {@code replay}) whose ts is more than 5 minutes ahead or 10 minutes behind the receive time
     * comes from a wrong clock (a reset after a flat battery, no time sync): it is placed at the
     * receive time with {@link #FLAG_CLOCK_WRONG}. A replay the device marked keeps its ts when that
     * is plausible (within 30 days, not in the future; {@link #FLAG_REPLAY}), else it too is placed
     * at the receive time with {@link #FLAG_CLOCK_WRONG}.
     */
    public static TimeCorrection checkUrgent(Instant deviceTime, Instant receivedAt, boolean replay) {
        boolean future = deviceTime.isAfter(receivedAt.plus(FUTURE_TOLERANCE));
        Duration pastTolerance = replay ? STALE_AFTER : URGENT_PAST_TOLERANCE;
        if (future || deviceTime.isBefore(receivedAt.minus(pastTolerance))) {
            return new TimeCorrection(receivedAt, FLAG_CLOCK_WRONG);
        }
        return new TimeCorrection(deviceTime, replay ? FLAG_REPLAY : 0);
    }
}
