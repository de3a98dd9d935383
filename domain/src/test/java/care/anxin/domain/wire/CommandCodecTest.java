package care.anxin.domain.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CommandCodecTest {

    private final CommandCodec codec = new CommandCodec();

    @Test
    void roundTripsEveryType() {
        Instant t = Instant.parse("2026-11-23T01:07:01Z");
        DeviceCommand[] commands = {
            new DeviceCommand("1042", CommandType.ALERT_ACK, t, 311L, "已收到您的紧急呼叫", "Help is on the way.", null, null),
            new DeviceCommand("1043", CommandType.MESSAGE, t, null, "请按时服药", "Please take your medicine.", null, null),
            new DeviceCommand("1044", CommandType.LOCATE, t, null, null, null, null, null),
            new DeviceCommand("1045", CommandType.CONFIG, t, null, null, null, 300, 600),
        };
        for (DeviceCommand command : commands) {
            assertThat(codec.decode(codec.encode(command))).contains(command);
        }
        assertThat(new String(codec.encode(commands[3]), StandardCharsets.UTF_8)).isEqualTo(
                "{\"cmdId\":\"1045\",\"type\":\"CONFIG\",\"ts\":\"2026-11-23T01:07:01Z\",\"vitalsIntervalSec\":300,"
                        + "\"locationIntervalSec\":600}");
    }

    @Test
    void malformedCommandsAreEmpty() {
        for (String bad : new String[] {"", "x", "[]", "{}", "{\"cmdId\":\"1\",\"type\":\"NUKE\",\"ts\":\"2026-11-23T01:07:01Z\"}",
                "{\"cmdId\":\"1\",\"type\":\"LOCATE\",\"ts\":\"2026-11-23T01:07:01\"}",
                "{\"cmdId\":\"1\",\"type\":\"CONFIG\",\"ts\":\"2026-11-23T01:07:01Z\",\"vitalsIntervalSec\":\"60\"}"}) {
            assertThat(codec.decode(bad.getBytes(StandardCharsets.UTF_8))).as(bad).isEmpty();
        }
        assertThat(codec.decode(null)).isEmpty();
        assertThat(codec.decode(("{\"cmdId\":\"1\",\"type\":\"CONFIG\",\"ts\":\"2026-11-23T01:07:01Z\","
                + "\"vitalsIntervalSec\":0}").getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
