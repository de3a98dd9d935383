package care.anxin.domain.wire;

import java.time.Instant;
import java.util.Objects;

/** {@code up/status}: heartbeat; all fields optional (null). {@code online == false} only in the will. */
public record StatusMessage(String msgId, Instant deviceTime, Integer battery, Boolean worn, Boolean charging,
                            String firmware, Integer rssi, Boolean online) implements UplinkMessage {
    public StatusMessage {
        Objects.requireNonNull(msgId, "msgId");
        Objects.requireNonNull(deviceTime, "deviceTime");
    }

    /** True for the will message (or any status saying the device goes offline). */
    public boolean offline() {
        return Boolean.FALSE.equals(online);
    }

    @Override
    public MessageKind kind() {
        return MessageKind.STATUS;
    }
}
