package care.anxin.simulator.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Frames in a byte stream: whole, split, glued together, preceded by noise, broken, or random bytes. */
class WatchFrameParserTest {

    @Test
    void encodesTheLengthAsFourHexDigitsOfTheContentBytes() {
        assertThat(WatchFrame.of("8800000015", "LK,0,0,100").text()).isEqualTo("[3G*8800000015*000A*LK,0,0,100]");
        assertThat(WatchFrame.of("8800000015", "LK").text()).isEqualTo("[3G*8800000015*0002*LK]");
        WatchFrame frame = new WatchFrame("SG", "123456789012345", "UPLOAD,600");
        assertThat(frame.type()).isEqualTo("UPLOAD");
        assertThat(frame.fields()).containsExactly("600");
        assertThat(frame.reply("UPLOAD").text()).isEqualTo("[SG*123456789012345*0006*UPLOAD]");
    }

    @Test
    void findsGluedFramesAfterNoiseAndWaitsForTheRest() {
        byte[] bytes = "xx[3G*1*0002*CR][3G*1*000A*UPLOAD,600][3G*1*0007*MESS".getBytes(StandardCharsets.US_ASCII);
        List<WatchFrame> frames = new ArrayList<>();
        int at = 0;
        int skipped = 0;
        while (true) {
            WatchFrameParser.Result r = WatchFrameParser.parse(bytes, at, bytes.length);
            if (r.consumed() == 0) {
                break;
            }
            at += r.consumed();
            skipped += r.skipped();
            if (r.frame() != null) {
                frames.add(r.frame());
            }
        }
        assertThat(frames).extracting(WatchFrame::content).containsExactly("CR", "UPLOAD,600");
        assertThat(skipped).isEqualTo(2);
        assertThat(new String(bytes, at, bytes.length - at, StandardCharsets.US_ASCII)).isEqualTo("[3G*1*0007*MESS");
    }

    @Test
    void aFrameWhoseLengthLiesIsSkippedAndTheNextOneStillFound() {
        byte[] bytes = "[3G*1*0009*LK][3G*1*0002*LK]".getBytes(StandardCharsets.US_ASCII);
        List<WatchFrame> frames = parseAll(bytes);
        assertThat(frames).extracting(WatchFrame::text).containsExactly("[3G*1*0002*LK]");
    }

    @Test
    void randomAndTruncatedBytesNeverThrowAndAlwaysMakeProgress() {
        SplittableRandom random = new SplittableRandom(13);
        byte[] good = WatchFrame.of("8800000015", "MESSAGE,5DF26536523060A8").encode();
        for (int round = 0; round < 5_000; round++) {
            byte[] bytes = new byte[random.nextInt(1, 120)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(4) == 0 ? good[random.nextInt(good.length)] : (byte) random.nextInt(256);
            }
            parseAll(bytes); // terminates: every non-waiting result consumes at least one byte
            byte[] truncated = java.util.Arrays.copyOf(good, random.nextInt(good.length));
            assertThat(WatchFrameParser.parse(truncated, 0, truncated.length).frame()).isNull();
        }
    }

    private static List<WatchFrame> parseAll(byte[] bytes) {
        List<WatchFrame> frames = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            WatchFrameParser.Result r = WatchFrameParser.parse(bytes, at, bytes.length);
            if (r.consumed() == 0) {
                break;
            }
            assertThat(r.consumed()).isPositive();
            at += r.consumed();
            if (r.frame() != null) {
                frames.add(r.frame());
            }
        }
        return frames;
    }
}
