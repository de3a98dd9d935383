package care.anxin.domain.wire;

import care.anxin.domain.event.RadioScan;
import java.time.Instant;
import java.util.Objects;

/**
 * A position report without coordinates (a GPS watch's {@code V} report, docs/protocol-watch.md):
 * the cells and Wi-Fi it heard, kept with source LBS or WIFI. The platform never invents a
 * position for it. Travels as a {@link MessageKind#LOCATION} message; MQTT devices never send one.
 */
public record RadioFixMessage(String msgId, Instant deviceTime, RadioScan scan) implements UplinkMessage {

    public RadioFixMessage {
        Objects.requireNonNull(msgId, "msgId");
        Objects.requireNonNull(deviceTime, "deviceTime");
        Objects.requireNonNull(scan, "scan");
    }

    public String source() {
        return scan.source();
    }

    @Override
    public MessageKind kind() {
        return MessageKind.LOCATION;
    }
}
