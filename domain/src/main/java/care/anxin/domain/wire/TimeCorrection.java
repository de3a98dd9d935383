package care.anxin.domain.wire;

/**
 * The time to store for a message and why it differs from the device's ts: {@code flags} is a set of
 * {@link DeviceClock} FLAG_ bits (future 1, stale 2, clock wrong 4, replay 8).
 */
public record TimeCorrection(java.time.Instant time, int flags) {

    public boolean future() {
        return (flags & DeviceClock.FLAG_FUTURE) != 0;
    }

    /** Stale readings are stored but never raise an alert. */
    public boolean stale() {
        return (flags & DeviceClock.FLAG_STALE) != 0;
    }
}
