package care.anxin.domain.wire;

import java.util.Optional;

/** Device events ({@code up/event} {@code type}). */
public enum EventType {
    SOS(true),
    FALL(true),
    FALL_CANCELLED(true),
    LOW_BATTERY(false),
    WEAR_OFF(false),
    /** The device's own fence alarm (GPS watches, docs/protocol-watch.md); the platform's home-fence rule decides on incidents. */
    GEOFENCE_EXIT(false),
    POWER_OFF(false);

    private final boolean urgent;

    EventType(boolean urgent) {
        this.urgent = urgent;
    }

    /** Urgent events are committed and acknowledged at once, never held back by batching. */
    public boolean urgent() {
        return urgent;
    }

    public static Optional<EventType> fromName(String name) {
        for (EventType type : VALUES) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    private static final EventType[] VALUES = values();
}
