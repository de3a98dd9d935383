package care.anxin.gateway.watch;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.domain.watch.WatchFrame;
import care.anxin.domain.watch.WatchFrameParser;
import care.anxin.domain.wire.CommandType;
import care.anxin.domain.wire.DecodeResult;
import care.anxin.domain.wire.DeviceCommand;
import care.anxin.domain.wire.EventMessage;
import care.anxin.domain.wire.LocationMessage;
import care.anxin.domain.wire.RadioFixMessage;
import care.anxin.domain.wire.StatusMessage;
import care.anxin.domain.wire.VitalsMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code golden} frame of docs/protocol-watch.md: parsed from its wire bytes, decoded, and
 * compared with the stated outcome ({@code => ...}) and reply — so the page and the code cannot drift.
 */
class WatchGoldenFramesTest {

    private static final Path PAGE = Path.of("..", "docs", "protocol-watch.md");
    private static final Pattern FENCE = Pattern.compile(
            "(?m)^```watch golden=(\\S+) reply=(\\S+)[ \\t]*\\n(.*?)\\n=> (.*?)\\n```");
    private static final Instant RECEIVED = Instant.parse("2026-11-30T12:10:30Z");

    record Golden(String name, String reply, String wire, String expect) {
    }

    static List<Golden> goldens() throws IOException {
        String text = Files.readString(PAGE, StandardCharsets.UTF_8);
        List<Golden> found = new ArrayList<>();
        Matcher m = FENCE.matcher(text);
        while (m.find()) {
            found.add(new Golden(m.group(1), m.group(2), m.group(3), m.group(4)));
        }
        return found;
    }

    @Test
    void thePageHasAGoldenFrameForEverySupportedType() throws IOException {
        List<Golden> goldens = goldens();
        String text = Files.readString(PAGE, StandardCharsets.UTF_8);
        assertThat(text.split("```watch", -1).length - 1).as("every watch block is a golden frame").isEqualTo(goldens.size());
        String all = goldens.stream().map(Golden::wire).collect(Collectors.joining("\n"));
        for (String type : List.of("*LK", "*UD,", "*UD2,", "*UD_LTE,", "*UD_WCDMA,", "*WT,", "*AL,", "*ALCUSTOMER",
                "*bphrt,", "*heart,", "*oxygen,", "*btemp2,", "*TK,", "*CR]", "*MESSAGE,", "*UPLOAD,")) {
            assertThat(all).as(type).contains(type);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenFrameDecodesAsStated() throws IOException {
        return goldens().stream().map(g -> DynamicTest.dynamicTest(g.name(), () -> check(g)));
    }

    private void check(Golden g) {
        byte[] wire = bytes(g.wire());
        WatchFrameParser.Result parsed = new WatchFrameParser(8192).parse(wire, 0, wire.length);
        if (g.expect().equals("MALFORMED")) {
            assertThat(parsed).isInstanceOf(WatchFrameParser.Skip.class);
            assertThat(g.reply()).isEqualTo("none");
            return;
        }
        assertThat(parsed).isInstanceOf(WatchFrameParser.Parsed.class);
        WatchFrame frame = ((WatchFrameParser.Parsed) parsed).frame();
        assertThat(((WatchFrameParser.Parsed) parsed).consumed()).isEqualTo(wire.length);
        assertThat(frame.encode()).as("the frame encodes back to the same bytes").isEqualTo(wire);
        if (g.expect().startsWith("COMMAND ")) {
            checkCommand(g, frame);
            return;
        }
        WatchUplink uplink = new WatchProtocolDecoder().decode(frame, RECEIVED);
        assertThat(summary(uplink)).isEqualTo(g.expect());
        String reply = uplink.reply() == null ? "none"
                : new String(frame.reply(uplink.reply()).encode(), StandardCharsets.UTF_8);
        assertThat(reply).isEqualTo(g.reply());
    }

    /** The command frame the platform sends for the stated command equals the golden wire. */
    private void checkCommand(Golden g, WatchFrame expected) {
        String[] words = g.expect().split(" ", 3);
        CommandType type = CommandType.valueOf(words[1]);
        DeviceCommand command = new DeviceCommand("1", type, RECEIVED, null,
                type == CommandType.MESSAGE ? words[2] : null, null, null,
                type == CommandType.CONFIG ? Integer.valueOf(words[2]) : null);
        String content = WatchCommands.content(command).orElseThrow();
        assertThat(WatchFrame.text(expected.manufacturer(), expected.deviceId(), null, content)).isEqualTo(expected);
        assertThat(WatchCommands.answerType(content)).isIn(WatchProtocolDecoder.COMMAND_ANSWERS);
    }

    /** The outcome in the page's words: {@code EVENT SOS at ... | LOCATION GPS lat,lon at ... | STATUS battery=80}. */
    static String summary(WatchUplink u) {
        List<String> out = new ArrayList<>();
        if (u.unknown()) {
            out.add("UNKNOWN " + u.reply());
        }
        for (WatchUplink.Part p : u.parts()) {
            if (p.decoded() instanceof DecodeResult.Rejected r) {
                out.add("REJECTED " + r.problems().get(0).field());
                continue;
            }
            var message = ((DecodeResult.Accepted) p.decoded()).message();
            if (message instanceof EventMessage e) {
                out.add("EVENT " + e.type() + " at " + e.deviceTime());
            } else if (message instanceof LocationMessage l) {
                out.add("LOCATION " + l.source() + " " + l.point().lat() + "," + l.point().lon() + " at " + l.deviceTime());
            } else if (message instanceof VitalsMessage v) {
                out.add("VITALS " + v.readings().stream().map(r -> r.sign().name() + "=" + number(r.value()))
                        .collect(Collectors.joining(" ")));
            } else if (message instanceof RadioFixMessage r) {
                out.add("FIX " + r.source());
            } else if (message instanceof StatusMessage s) {
                out.add(s.battery() == null ? "STATUS" : "STATUS battery=" + s.battery());
            }
        }
        return out.isEmpty() ? "NOTHING" : String.join(" | ", out);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** The page's wire text, with {@code \xNN} standing for one byte. */
    private static byte[] bytes(String wire) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < wire.length(); i++) {
            if (wire.startsWith("\\x", i)) {
                out.write(Integer.parseInt(wire.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                byte[] b = String.valueOf(wire.charAt(i)).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toByteArray();
    }
}
