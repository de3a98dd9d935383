package care.anxin.domain.watch;

import java.io.ByteArrayOutputStream;
import java.util.Set;

/**
 * The protocol's escaping of bytes inside binary payloads: 0x7D introduces an escape, and
 * {@code } [ ] , *} become {@code 7D 01} .. {@code 7D 05}, so a payload never contains a frame
 * delimiter. A frame's length counts the bytes before escaping.
 */
public final class WatchEscaping {

    /** Types whose payload after the first comma is binary and escaped (voice messages, pictures). */
    public static final Set<String> BINARY_TYPES = Set.of("TK", "JXTK", "img");

    static final byte ESCAPE = 0x7D;
    private static final byte[] ESCAPED = {0x7D, 0x5B, 0x5D, 0x2C, 0x2A};

    private WatchEscaping() {
    }

    public static byte[] escape(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 8);
        for (byte b : raw) {
            int code = codeOf(b);
            if (code > 0) {
                out.write(ESCAPE);
                out.write(code);
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    /** The byte an escape code stands for, or -1 for a code that is not one (01..05). */
    static int unescaped(int code) {
        return code >= 1 && code <= ESCAPED.length ? ESCAPED[code - 1] & 0xFF : -1;
    }

    private static int codeOf(byte b) {
        for (int i = 0; i < ESCAPED.length; i++) {
            if (ESCAPED[i] == b) {
                return i + 1;
            }
        }
        return 0;
    }
}
