package care.anxin.domain.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Frames, escaping and resynchronisation of the watch protocol; seeded fuzzing never throws. */
class WatchFrameParserTest {

    private final WatchFrameParser parser = new WatchFrameParser(8192);

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private List<Object> all(byte[] bytes) {
        List<Object> out = new ArrayList<>();
        int pos = 0;
        while (pos < bytes.length) {
            WatchFrameParser.Result r = parser.parse(bytes, pos, bytes.length);
            if (r instanceof WatchFrameParser.Parsed p) {
                out.add(p.frame());
                pos += p.consumed();
            } else if (r instanceof WatchFrameParser.Skip s) {
                assertThat(s.bytes()).isPositive();
                out.add("skip");
                pos += s.bytes();
            } else {
                out.add(r);
                break;
            }
        }
        return out;
    }

    @Test
    void plainAndIndexedFramesParseAndEncodeBackToTheSameBytes() {
        String wire = "[3G*8800000015*000C*LK,1200,0,86][SG*358688000000158*0001*000A*LK,0,0,100]";
        List<Object> frames = all(ascii(wire));
        assertThat(frames).hasSize(2);
        WatchFrame lk = (WatchFrame) frames.get(0);
        assertThat(lk.manufacturer()).isEqualTo("3G");
        assertThat(lk.deviceId()).isEqualTo("8800000015");
        assertThat(lk.index()).isNull();
        assertThat(lk.type()).isEqualTo("LK");
        assertThat(lk.fields()).containsExactly("1200", "0", "86");
        WatchFrame indexed = (WatchFrame) frames.get(1);
        assertThat(indexed.index()).isEqualTo("0001");
        assertThat(new String(lk.encode(), StandardCharsets.US_ASCII) + new String(indexed.encode(), StandardCharsets.US_ASCII))
                .isEqualTo(wire);
        assertThat(new String(indexed.reply("LK").encode(), StandardCharsets.US_ASCII))
                .isEqualTo("[SG*358688000000158*0001*0002*LK]");
    }

    @Test
    void binaryPayloadsAreEscapedAndSkippedByTheirLengthWhateverTheyHold() {
        byte[] voice = {'#', '!', 'A', 'M', 'R', 0x0A, '[', ']', ',', '*', 0x7D, 0x00, (byte) 0xFF, ']', '['};
        WatchFrame tk = WatchFrame.binary("3G", "8800000015", null, "TK", voice);
        byte[] wire = tk.encode();
        // no frame delimiter inside the escaped payload
        for (int i = 1; i < wire.length - 1; i++) {
            assertThat(wire[i]).isNotEqualTo((byte) '[').isNotEqualTo((byte) ']');
        }
        byte[] twoFrames = concat(wire, ascii("[3G*8800000015*0002*LK]"));
        List<Object> frames = all(twoFrames);
        assertThat(frames).hasSize(2);
        assertThat(((WatchFrame) frames.get(0)).payload()).isEqualTo(voice);
        assertThat(((WatchFrame) frames.get(1)).type()).isEqualTo("LK");
    }

    @Test
    void aWrongLengthIsSkippedAndTheNextFrameStillParses() {
        List<Object> out = all(ascii("junk[3G*8800000015*0009*LK][3G*8800000015*0002*LK]"));
        assertThat(out).filteredOn(o -> o instanceof WatchFrame).hasSize(1);
        assertThat(out).contains("skip");
    }

    @Test
    void partialFramesNeedMoreAndOversizedOnesAreReported() {
        byte[] lk = ascii("[3G*8800000015*0002*LK]");
        for (int cut = 1; cut < lk.length; cut++) {
            assertThat(parser.parse(lk, 0, cut)).as("cut at %d", cut).isInstanceOf(WatchFrameParser.NeedMore.class);
        }
        assertThat(new WatchFrameParser(64).parse(ascii("[3G*8800000015*0100*UD,30"), 0, 26))
                .isInstanceOf(WatchFrameParser.TooLarge.class);
    }

    @Test
    void messageTextIsUtf16BigEndianHex() {
        assertThat(WatchFrame.utf16Hex("安心")).isEqualTo("5B895FC3");
        assertThat(WatchFrame.fromUtf16Hex("5B895FC3")).isEqualTo("安心");
    }

    @Test
    void seededRandomAndMutatedBytesNeverThrowAndAlwaysMakeProgress() {
        Random random = new Random(20261130L);
        byte[] seed = ascii("[3G*8800000015*006D*AL,301126,120601,A,31.230416,N,121.473701,E,0.00,0.0,12.0,9,100,80,"
                + "1300,0,00010000,1,1,460,0,6243,21711,-78,0]");
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes;
            if (round % 2 == 0) {
                bytes = seed.clone();
                for (int m = 0; m < 1 + random.nextInt(4); m++) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            } else {
                bytes = new byte[random.nextInt(200)];
                random.nextBytes(bytes);
                if (bytes.length > 0) {
                    bytes[0] = '[';
                }
            }
            all(bytes); // progress is asserted inside; an exception fails the test
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
