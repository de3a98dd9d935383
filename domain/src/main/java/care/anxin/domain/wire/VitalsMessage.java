package care.anxin.domain.wire;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** {@code up/vitals}: 1-32 readings. */
public record VitalsMessage(String msgId, Instant deviceTime, List<Reading> readings) implements UplinkMessage {
    public VitalsMessage {
        Objects.requireNonNull(msgId, "msgId");
        Objects.requireNonNull(deviceTime, "deviceTime");
        readings = List.copyOf(readings);
    }

    @Override
    public MessageKind kind() {
        return MessageKind.VITALS;
    }
}
