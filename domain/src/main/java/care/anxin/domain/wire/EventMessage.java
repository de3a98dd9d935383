package care.anxin.domain.wire;

import care.anxin.domain.geo.GeoPoint;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code up/event}: SOS, fall and device events; every field after {@code type} is optional (null).
 * {@code replay}: the device held the event while it could not reach the platform and sends it late
 * (docs/protocol.md, "Device clocks lie").
 */
public record EventMessage(String msgId, Instant deviceTime, EventType type, GeoPoint point, Double accuracyM,
                           Integer battery, Double confidence, String refMsgId, boolean replay) implements UplinkMessage {
    public EventMessage {
        Objects.requireNonNull(msgId, "msgId");
        Objects.requireNonNull(deviceTime, "deviceTime");
        Objects.requireNonNull(type, "type");
    }

    /** An event sent live (not a replay). */
    public EventMessage(String msgId, Instant deviceTime, EventType type, GeoPoint point, Double accuracyM,
                        Integer battery, Double confidence, String refMsgId) {
        this(msgId, deviceTime, type, point, accuracyM, battery, confidence, refMsgId, false);
    }

    @Override
    public MessageKind kind() {
        return MessageKind.EVENT;
    }
}
