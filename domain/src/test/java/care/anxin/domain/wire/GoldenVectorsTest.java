package care.anxin.domain.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Decodes every {@code golden} example of docs/protocol.md and checks its stated outcome. */
class GoldenVectorsTest {

    private static final Path PROTOCOL = Path.of("..", "docs", "protocol.md");
    private static final Pattern FENCE = Pattern.compile(
            "(?m)^```json golden=(\\S+) topic=(\\S+) expect=(\\S+)(?: received=(\\S+) clock=(\\d+))?[ \\t]*\\n(.*?)^```",
            Pattern.DOTALL);

    /** received/clock: for urgent events, the receive time and the DeviceClock flags the platform must apply. */
    record Golden(String name, String topic, String expect, String received, String clock, String body) {
    }

    static List<Golden> goldens() throws IOException {
        String text = Files.readString(PROTOCOL, StandardCharsets.UTF_8);
        List<Golden> found = new ArrayList<>();
        Matcher m = FENCE.matcher(text);
        while (m.find()) {
            found.add(new Golden(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6)));
        }
        return found;
    }

    private final UplinkCodec codec = new UplinkCodec();
    private final CommandCodec commands = new CommandCodec();

    @Test
    void protocolPageHasEnoughVectors() throws IOException {
        List<Golden> goldens = goldens();
        assertThat(goldens).hasSizeGreaterThan(10);
        assertThat(goldens).extracting(Golden::expect).anyMatch(e -> e.equals("ok"))
                .anyMatch(e -> e.startsWith("reject:")).anyMatch(e -> e.equals("command"));
        // every fenced json block on the page must be a golden vector (no silently skipped example)
        String text = Files.readString(PROTOCOL, StandardCharsets.UTF_8);
        assertThat(text.split("```json", -1).length - 1).isEqualTo(goldens.size());
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenVectorDecodesAsStated() throws IOException {
        return goldens().stream().map(g -> DynamicTest.dynamicTest(g.name(), () -> check(g)));
    }

    private void check(Golden g) {
        byte[] payload = g.body().getBytes(StandardCharsets.UTF_8);
        if (g.expect().equals("command")) {
            assertThat(DeviceTopic.parseCommand(g.topic())).as("command topic").isPresent();
            Optional<DeviceCommand> command = commands.decode(payload);
            assertThat(command).as(g.name()).isPresent();
            assertThat(commands.decode(commands.encode(command.get()))).contains(command.get());
            return;
        }
        Optional<DeviceTopic> topic = DeviceTopic.parseUplink(g.topic());
        assertThat(topic).as("uplink topic of " + g.name()).isPresent();
        DecodeResult result = codec.decode(topic.get().kind(), payload);
        if (g.expect().equals("ok")) {
            assertThat(result).as(g.name() + " " + result).isInstanceOf(DecodeResult.Accepted.class);
            UplinkMessage message = ((DecodeResult.Accepted) result).message();
            assertThat(message.kind()).isEqualTo(topic.get().kind());
            assertThat(codec.decode(message.kind(), codec.encode(message)))
                    .isEqualTo(new DecodeResult.Accepted(message));
            if (g.received() != null) {
                EventMessage event = (EventMessage) message;
                TimeCorrection t = DeviceClock.checkUrgent(event.deviceTime(), java.time.Instant.parse(g.received()), event.replay());
                assertThat(t.flags()).as(g.name() + " clock flags").isEqualTo(Integer.parseInt(g.clock()));
            }
        } else {
            assertThat(g.expect()).startsWith("reject:");
            String field = g.expect().substring("reject:".length());
            assertThat(result).as(g.name()).isInstanceOf(DecodeResult.Rejected.class);
            DecodeResult.Rejected rejected = (DecodeResult.Rejected) result;
            assertThat(rejected.problems()).extracting(Problem::field).as(rejected.summary()).contains(field);
        }
    }
}
