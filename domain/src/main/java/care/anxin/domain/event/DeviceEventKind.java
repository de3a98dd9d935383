package care.anxin.domain.event;

import care.anxin.domain.wire.EventType;
import java.util.Optional;

/**
 * Kinds of {@code device_event} rows, the queue between the gateway (writer) and the alert service
 * (reader). Each kind names the payload record it carries.
 */
public enum DeviceEventKind {
    SOS(DeviceReport.class, true),
    FALL(DeviceReport.class, true),
    FALL_CANCELLED(DeviceReport.class, true),
    LOW_BATTERY(DeviceReport.class, false),
    WEAR_OFF(DeviceReport.class, false),
    GEOFENCE_EXIT(DeviceReport.class, false),
    POWER_OFF(DeviceReport.class, false),
    VITAL_ABNORMAL(AbnormalReading.class, false),
    DEVICE_ONLINE(PresenceChange.class, false),
    DEVICE_OFFLINE(PresenceChange.class, false);

    private final Class<? extends DeviceEventPayload> payloadType;
    private final boolean urgent;

    DeviceEventKind(Class<? extends DeviceEventPayload> payloadType, boolean urgent) {
        this.payloadType = payloadType;
        this.urgent = urgent;
    }

    public Class<? extends DeviceEventPayload> payloadType() {
        return payloadType;
    }

    /** SOS, FALL and FALL_CANCELLED: never held back, claimed first, never parked (ARCHITECTURE: urgent lanes). */
    public boolean urgent() {
        return urgent;
    }

    /** The queue kind of a device's {@code up/event} type (same name). */
    public static DeviceEventKind of(EventType type) {
        return valueOf(type.name());
    }

    /** Empty for a name this version does not know (a newer writer); never throws. */
    public static Optional<DeviceEventKind> fromName(String name) {
        for (DeviceEventKind kind : VALUES) {
            if (kind.name().equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    private static final DeviceEventKind[] VALUES = values();
}
