package care.anxin.domain.wire;

import java.util.Optional;

/** The four uplink message kinds, one topic each ({@code anxin/v1/{deviceId}/up/<kind>}). */
public enum MessageKind {
    VITALS("vitals"),
    LOCATION("location"),
    EVENT("event"),
    STATUS("status");

    private final String segment;
    private final String topicSuffix;

    MessageKind(String segment) {
        this.segment = segment;
        this.topicSuffix = "up/" + segment;
    }

    /** The last topic level, e.g. {@code vitals}. */
    public String segment() {
        return segment;
    }

    /** The topic suffix after the device id, e.g. {@code up/vitals}. */
    public String topicSuffix() {
        return topicSuffix;
    }

    public static Optional<MessageKind> fromSegment(String segment) {
        for (MessageKind kind : VALUES) {
            if (kind.segment.equals(segment)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    private static final MessageKind[] VALUES = values();
}
