package care.anxin.domain.wire;

import care.anxin.domain.geo.GeoPoint;
import java.time.Instant;
import java.util.Objects;

/** {@code up/event}: SOS, fall and device events; every field after {@code type} is optional (null). */
public record EventMessage(String msgId, Instant deviceTime, EventType type, GeoPoint point, Double accuracyM,
                           Integer battery, Double confidence, String refMsgId) implements UplinkMessage {
    public EventMessage {
        Objects.requireNonNull(msgId, "msgId");
        Objects.requireNonNull(deviceTime, "deviceTime");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public MessageKind kind() {
        return MessageKind.EVENT;
    }
}
