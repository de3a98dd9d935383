package care.anxin.simulator.watch;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.domain.watch.WatchFrame;
import care.anxin.domain.watch.WatchFrameParser;
import care.anxin.simulator.watch.WatchContent.Cell;
import care.anxin.simulator.watch.WatchContent.Fix;
import care.anxin.simulator.watch.WatchContent.Wifi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulated watches send exactly the golden frames of docs/protocol-watch.md (the contract the
 * gateway's decoder is tested against): the same inputs give byte-identical frames, and the
 * platform's golden commands read as the watch expects.
 */
class WatchGoldenEncodingTest {

    private static final Path DOC = Path.of("..", "docs", "protocol-watch.md");
    private static final String ID = "8800000015";
    private static final Cell CELL = new Cell(6243, 21711, -78);
    private static final Map<String, String> GOLDEN = new HashMap<>();

    @BeforeAll
    static void readTheContract() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("```watch golden=(\\S+)[^\\n]*\\n(.*?)\\n").matcher(doc);
        while (m.find()) {
            GOLDEN.put(m.group(1), m.group(2));
        }
        assertThat(GOLDEN).containsKeys("lk-battery", "ud-gps", "ud-lbs-only", "ud-wifi-only", "al-sos", "al-fall-no-fix",
                "bphrt", "heart", "oxygen", "btemp2", "command-locate", "command-message", "command-config");
    }

    private static String frame(String content) {
        return FakeWatchPlatform.wire(WatchContent.frame(ID, content));
    }

    @Test
    void heartbeat() {
        assertThat(frame(WatchContent.heartbeat(1200, 0, 86))).isEqualTo(GOLDEN.get("lk-battery"));
    }

    @Test
    void positionsWithAGpsFixWithCellsOnlyAndWithWifi() {
        assertThat(frame(WatchContent.position("UD", Instant.parse("2026-11-30T12:03:01Z"),
                Fix.gps(31.230416, 121.473701, 0.5, 90, 12, 9, CELL), 100, 86, 1200, 0))).isEqualTo(GOLDEN.get("ud-gps"));
        assertThat(frame(WatchContent.position("UD", Instant.parse("2026-11-30T12:05:01Z"),
                Fix.towers(List.of(CELL, new Cell(6243, 21712, -85), new Cell(6243, 21713, -90)), List.of()), 80, 85, 1300, 0)))
                .isEqualTo(GOLDEN.get("ud-lbs-only"));
        assertThat(frame(WatchContent.position("UD", Instant.parse("2026-11-30T12:05:02Z"),
                Fix.towers(List.of(CELL), List.of(new Wifi("home", "a4:56:02:11:22:33", -60), new Wifi("office", "a4:56:02:44:55:66", -71))),
                80, 84, 1300, 0))).isEqualTo(GOLDEN.get("ud-wifi-only"));
    }

    @Test
    void alarmsCarryTheSosAndFallBits() {
        assertThat(frame(WatchContent.position("AL", Instant.parse("2026-11-30T12:06:01Z"),
                Fix.gps(31.230416, 121.473701, 0, 0, 12, 9, CELL), 100, 80, 1300, WatchStatus.SOS))).isEqualTo(GOLDEN.get("al-sos"));
        assertThat(frame(WatchContent.position("AL", Instant.parse("2026-11-30T12:06:02Z"),
                Fix.towers(List.of(CELL), List.of()), 80, 79, 1300, WatchStatus.FALL))).isEqualTo(GOLDEN.get("al-fall-no-fix"));
    }

    @Test
    void healthFrames() {
        assertThat(frame(WatchContent.bloodPressure(128, 82, 74))).isEqualTo(GOLDEN.get("bphrt"));
        assertThat(frame(WatchContent.heartRate(72))).isEqualTo(GOLDEN.get("heart"));
        assertThat(frame(WatchContent.oxygen(97))).isEqualTo(GOLDEN.get("oxygen"));
        assertThat(frame(WatchContent.bodyTemperature(36.6))).isEqualTo(GOLDEN.get("btemp2"));
    }

    @Test
    void theGoldenCommandsReadAsTheWatchExpects() {
        WatchFrame locate = parse(GOLDEN.get("command-locate"));
        assertThat(locate.type()).isEqualTo("CR");
        WatchFrame message = parse(GOLDEN.get("command-message"));
        assertThat(message.type()).isEqualTo("MESSAGE");
        assertThat(WatchFrame.fromUtf16Hex(message.fields().get(0))).isEqualTo("安心");
        WatchFrame config = parse(GOLDEN.get("command-config"));
        assertThat(config.type()).isEqualTo("UPLOAD");
        assertThat(config.fields()).containsExactly("600");
    }

    @Test
    void theRepliesAWatchWaitsForAreTheOnesTheContractPromises() {
        for (String golden : List.of("lk-battery", "al-sos", "bphrt", "heart", "oxygen", "btemp2")) {
            assertThat(WatchReplies.answered(parse(GOLDEN.get(golden)).type())).as(golden).isTrue();
        }
        assertThat(WatchReplies.replyTo("ALCUSTOMER1")).isEqualTo("AL");
        for (String golden : List.of("ud-gps", "ud2-buffered", "ud-lbs-only", "wt")) {
            assertThat(WatchReplies.answered(parse(GOLDEN.get(golden)).type())).as(golden).isFalse();
        }
    }

    private static WatchFrame parse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        WatchFrameParser.Result r = new WatchFrameParser(8192).parse(bytes, 0, bytes.length);
        assertThat(r).as(text).isInstanceOf(WatchFrameParser.Parsed.class);
        return ((WatchFrameParser.Parsed) r).frame();
    }
}
