package care.anxin.domain.watch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Finds frames in a byte stream (docs/protocol-watch.md, "Frames"): the header, then exactly
 * {@code LLLL} unescaped content bytes, then {@code ]}. A binary payload is thus skipped by its
 * length whatever bytes it holds; anything that does not fit is reported so the caller can drop
 * bytes and resynchronise on the next {@code [}. Never throws for any input.
 */
public final class WatchFrameParser {

    /** What the bytes at the read position are. */
    public sealed interface Result permits NeedMore, Parsed, Skip, TooLarge {
    }

    /** Not a whole frame yet: read more bytes and call again from the same position. */
    public record NeedMore() implements Result {
    }

    /** A frame, {@code consumed} bytes long on the wire. */
    public record Parsed(WatchFrame frame, int consumed) implements Result {
    }

    /** {@code bytes} that are not (the start of) a valid frame: drop them and go on. */
    public record Skip(int bytes, String reason) implements Result {
    }

    /** A frame announcing more than the size bound: the connection should go. */
    public record TooLarge(int announcedBytes) implements Result {
    }

    private static final NeedMore NEED_MORE = new NeedMore();
    /** {@code [} + MF + {@code *} + 64-character id + {@code *} + index + {@code *} + length + {@code *}. */
    static final int MAX_HEADER = 1 + 2 + 1 + 64 + 1 + 5 + 5;

    private final int maxFrameBytes;

    /** @param maxFrameBytes the largest frame accepted, header and escaping included */
    public WatchFrameParser(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Looks at {@code buf[from..to)}. */
    public Result parse(byte[] buf, int from, int to) {
        if (from >= to) {
            return NEED_MORE;
        }
        if (buf[from] != '[') {
            int next = indexOf(buf, (byte) '[', from + 1, to);
            return new Skip((next < 0 ? to : next) - from, "bytes outside a frame");
        }
        int pos = from + 1;
        // manufacturer
        if (to - pos < 3) {
            return NEED_MORE;
        }
        if (!alnumUpper(buf[pos]) || !alnumUpper(buf[pos + 1]) || buf[pos + 2] != '*') {
            return new Skip(1, "bad manufacturer prefix");
        }
        String manufacturer = new String(buf, pos, 2, StandardCharsets.US_ASCII);
        pos += 3;
        // device id
        int idStart = pos;
        while (pos < to && buf[pos] != '*') {
            if (!idChar(buf[pos]) || pos - idStart >= 64) {
                return new Skip(1, "bad device id");
            }
            pos++;
        }
        if (pos >= to) {
            return NEED_MORE;
        }
        if (pos - idStart < 3) {
            return new Skip(1, "bad device id");
        }
        String deviceId = new String(buf, idStart, pos - idStart, StandardCharsets.US_ASCII);
        pos++;
        // [index*] length*
        int first = hexField(buf, pos, to);
        if (first == -2) {
            return NEED_MORE;
        }
        if (first < 0) {
            return new Skip(1, "length is not 4 hex digits");
        }
        String index = null;
        int second = hexField(buf, pos + 5, to);
        if (second == -2) {
            return NEED_MORE;
        }
        int length = first;
        if (second >= 0) {
            index = new String(buf, pos, 4, StandardCharsets.US_ASCII);
            length = second;
            pos += 5;
        }
        pos += 5;
        if (pos - from + length + 1 > maxFrameBytes) {
            return new TooLarge(pos - from + length + 1);
        }
        // exactly `length` unescaped bytes
        ByteArrayOutputStream content = new ByteArrayOutputStream(length);
        while (content.size() < length) {
            if (pos >= to) {
                return NEED_MORE;
            }
            if (pos - from >= maxFrameBytes) {
                return new TooLarge(pos - from);
            }
            byte b = buf[pos];
            if (b == WatchEscaping.ESCAPE) {
                if (pos + 1 >= to) {
                    return NEED_MORE;
                }
                int raw = WatchEscaping.unescaped(buf[pos + 1]);
                if (raw >= 0) {
                    content.write(raw);
                    pos += 2;
                    continue;
                }
            }
            content.write(b);
            pos++;
        }
        if (pos >= to) {
            return NEED_MORE;
        }
        if (buf[pos] != ']') {
            return new Skip(1, "frame end is not where its length says");
        }
        return new Parsed(new WatchFrame(manufacturer, deviceId, index, content.toByteArray()), pos + 1 - from);
    }

    /** The value of {@code hhhh*} at {@code pos}; -1 if the bytes there are not that; -2 if more bytes are needed. */
    private static int hexField(byte[] buf, int pos, int to) {
        int value = 0;
        for (int i = 0; i < 5; i++) {
            if (pos + i >= to) {
                return -2;
            }
            byte b = buf[pos + i];
            if (i == 4) {
                return b == '*' ? value : -1;
            }
            int digit = Character.digit(b, 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return -1;
    }

    private static boolean alnumUpper(byte b) {
        return b >= 'A' && b <= 'Z' || b >= '0' && b <= '9';
    }

    private static boolean idChar(byte b) {
        return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '_' || b == '-';
    }

    private static int indexOf(byte[] buf, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
