package care.anxin.domain.event;

import care.anxin.domain.wire.DeviceClock;
import care.anxin.domain.wire.EventMessage;
import java.time.Instant;

/**
 * Payload of an event the device reported on {@code up/event} (SOS, FALL, FALL_CANCELLED,
 * LOW_BATTERY, WEAR_OFF, POWER_OFF). Every field is optional (null) except {@code clockFlags}.
 *
 * @param clockFlags {@link DeviceClock} flags of the event time (0: the device time was used as is)
 * @param deviceTime the device's own ts when the stored time differs from it (a wrong clock), else null
 * @param replay     the device marked the event as held while it could not reach the platform
 */
public record DeviceReport(Double lat, Double lon, Double accuracy, Integer battery, Double confidence, String refMsgId,
                           int clockFlags, Instant deviceTime, Boolean replay) implements DeviceEventPayload {

    public static final DeviceReport EMPTY = new DeviceReport(null, null, null, null, null, null, 0, null, null);

    /** The payload of an accepted event message whose time was checked with {@link DeviceClock}. */
    public static DeviceReport of(EventMessage e, int clockFlags) {
        boolean corrected = (clockFlags & (DeviceClock.FLAG_FUTURE | DeviceClock.FLAG_CLOCK_WRONG)) != 0;
        return new DeviceReport(e.point() == null ? null : e.point().lat(), e.point() == null ? null : e.point().lon(),
                e.accuracyM(), e.battery(), e.confidence(), e.refMsgId(), clockFlags,
                corrected ? e.deviceTime() : null, e.replay() ? Boolean.TRUE : null);
    }

    /** True when lat and lon are both present (the protocol allows them only together). */
    public boolean hasPosition() {
        return lat != null && lon != null;
    }

    /** History (device time more than 30 days old, not an urgent event): never raises an alert. */
    public boolean stale() {
        return (clockFlags & DeviceClock.FLAG_STALE) != 0;
    }

    /** The device clock was implausible: the event was placed at the receive time (deviceTime keeps the device's). */
    public boolean clockWrong() {
        return (clockFlags & DeviceClock.FLAG_CLOCK_WRONG) != 0;
    }

    /** A store-and-forward replay the device marked, with a plausible time: the incident opens late. */
    public boolean late() {
        return (clockFlags & DeviceClock.FLAG_REPLAY) != 0;
    }
}
