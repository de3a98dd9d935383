package care.anxin.domain.watch;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One frame of the "3G watch" TCP protocol (docs/protocol-watch.md), either way:
 * {@code [MF*ID*LLLL*CONTENT]} or, numbered, {@code [MF*ID*NNNN*LLLL*CONTENT]}. {@code content} holds
 * the bytes after unescaping (what {@code LLLL} counts): {@code TYPE} or {@code TYPE,field,...}, and
 * for binary frames ({@code TK} voice) raw bytes after the first comma. Pure Java, shared by the
 * gateway and the simulator.
 *
 * @param manufacturer two characters ({@code 3G}, {@code SG}, {@code CS}, {@code ZJ}, ...)
 * @param index        the frame index of numbering watches (4 hex digits), else null
 */
public record WatchFrame(String manufacturer, String deviceId, String index, byte[] content) {

    static final Pattern MANUFACTURER = Pattern.compile("[A-Z0-9]{2}");
    static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]{3,64}");
    static final Pattern INDEX = Pattern.compile("\\p{XDigit}{4}");
    /** The largest content a 4-hex-digit length can announce. */
    public static final int MAX_CONTENT = 0xFFFF;

    public WatchFrame {
        Objects.requireNonNull(content, "content");
        if (manufacturer == null || !MANUFACTURER.matcher(manufacturer).matches()) {
            throw new IllegalArgumentException("manufacturer must be two of A-Z 0-9: " + manufacturer);
        }
        if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
            throw new IllegalArgumentException("device id must be 3-64 of A-Z a-z 0-9 _ -: " + deviceId);
        }
        if (index != null && !INDEX.matcher(index).matches()) {
            throw new IllegalArgumentException("index must be 4 hex digits: " + index);
        }
        if (content.length > MAX_CONTENT) {
            throw new IllegalArgumentException("content longer than " + MAX_CONTENT + " bytes");
        }
        content = content.clone();
    }

    /** A text frame ({@code TYPE} or {@code TYPE,fields}); text frames are ASCII apart from UTF-8 names. */
    public static WatchFrame text(String manufacturer, String deviceId, String index, String content) {
        return new WatchFrame(manufacturer, deviceId, index, content.getBytes(StandardCharsets.UTF_8));
    }

    /** A binary frame: {@code TYPE,} followed by raw bytes (escaped on the wire, counted unescaped). */
    public static WatchFrame binary(String manufacturer, String deviceId, String index, String type, byte[] payload) {
        byte[] head = (type + ",").getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(head, head.length + payload.length);
        System.arraycopy(payload, 0, all, head.length, payload.length);
        return new WatchFrame(manufacturer, deviceId, index, all);
    }

    /** The same header (manufacturer, id, index) with another content: how replies are made. */
    public WatchFrame reply(String replyContent) {
        return text(manufacturer, deviceId, index, replyContent);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The frame type: the content up to the first comma ({@code LK}, {@code UD2}, {@code bphrt}, ...). */
    public String type() {
        int comma = indexOf(content, (byte) ',');
        return new String(content, 0, comma < 0 ? content.length : comma, StandardCharsets.US_ASCII);
    }

    /** The content as text (UTF-8; binary payloads come out as replacement characters). */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** The comma-separated fields after the type (empty fields kept, trailing ones too). */
    public List<String> fields() {
        String text = text();
        int comma = text.indexOf(',');
        return comma < 0 ? List.of() : List.of(text.substring(comma + 1).split(",", -1));
    }

    /** The bytes after the type and its comma (a binary frame's payload); empty if there are none. */
    public byte[] payload() {
        int comma = indexOf(content, (byte) ',');
        return comma < 0 ? new byte[0] : Arrays.copyOfRange(content, comma + 1, content.length);
    }

    /**
     * The frame on the wire. The bytes after the type's comma are escaped only for binary types
     * (their payload may hold {@code [ ] , *} and 0x7D); text frames go as they are.
     */
    public byte[] encode() {
        String type = type();
        byte[] body = WatchEscaping.BINARY_TYPES.contains(type) && content.length > type.length()
                ? concat(Arrays.copyOf(content, type.length() + 1),
                WatchEscaping.escape(Arrays.copyOfRange(content, type.length() + 1, content.length)))
                : content;
        String header = "[" + manufacturer + "*" + deviceId + "*" + (index == null ? "" : index + "*")
                + String.format("%04X", content.length) + "*";
        byte[] head = header.getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(head, head.length + body.length + 1);
        System.arraycopy(body, 0, out, head.length, body.length);
        out[out.length - 1] = ']';
        return out;
    }

    /** Text for the watch's {@code MESSAGE} command: UTF-16BE, upper-case hex. */
    public static String utf16Hex(String text) {
        return HexFormat.of().withUpperCase().formatHex(text.getBytes(StandardCharsets.UTF_16BE));
    }

    /** The inverse of {@link #utf16Hex}; IllegalArgumentException for anything but an even count of hex digits. */
    public static String fromUtf16Hex(String hex) {
        if (hex.length() % 4 != 0) {
            throw new IllegalArgumentException("UTF-16BE hex needs 4 digits per character");
        }
        return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_16BE);
    }

    static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WatchFrame f && manufacturer.equals(f.manufacturer) && deviceId.equals(f.deviceId)
                && Objects.equals(index, f.index) && Arrays.equals(content, f.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(manufacturer, deviceId, index, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        String type = type();
        return "[" + manufacturer + "*" + deviceId + "*" + (index == null ? "" : index + "*")
                + String.format("%04X", content.length) + "*"
                + (WatchEscaping.BINARY_TYPES.contains(type) ? type + ",<" + (content.length - type.length() - 1)
                + " bytes>" : text()) + "]";
    }
}
