package care.anxin.simulator.watch;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One frame of the "3G watch" TCP protocol, {@code [maker*deviceId*LLLL*content]}, where LLLL is
 * the content's length in bytes as four hex digits (docs/protocol-watch.md). The content is ASCII
 * for every frame the simulator sends or expects (text messages travel as UTF-16BE hex), so it is
 * kept as a string; bytes are mapped one to one (ISO-8859-1) so a length always counts bytes.
 */
public record WatchFrame(String maker, String deviceId, String content) {

    /** Manufacturer prefix the simulated watches use. */
    public static final String MAKER = "3G";

    public WatchFrame {
        if (maker.isEmpty() || maker.indexOf('*') >= 0 || deviceId.isEmpty() || deviceId.indexOf('*') >= 0) {
            throw new IllegalArgumentException("bad watch frame header: " + maker + "*" + deviceId);
        }
        if (content.length() > 0xFFFF) {
            throw new IllegalArgumentException("watch frame content longer than 65535 bytes");
        }
    }

    public static WatchFrame of(String deviceId, String content) {
        return new WatchFrame(MAKER, deviceId, content);
    }

    /** The frame type: the content up to its first comma ({@code LK}, {@code UD2}, {@code AL}, ...). */
    public String type() {
        int comma = content.indexOf(',');
        return comma < 0 ? content : content.substring(0, comma);
    }

    /** The comma-separated fields after the type (empty fields kept). */
    public List<String> fields() {
        int comma = content.indexOf(',');
        return comma < 0 ? List.of() : Arrays.asList(content.substring(comma + 1).split(",", -1));
    }

    /** The frame on the wire. */
    public byte[] encode() {
        return text().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The frame as text, e.g. {@code [3G*8800000015*0002*LK]}. */
    public String text() {
        return "[" + maker + "*" + deviceId + "*" + String.format("%04X", content.length()) + "*" + content + "]";
    }

    /** A reply of the platform carrying just a type, e.g. {@code [3G*id*0002*LK]} answering an LK. */
    public WatchFrame reply(String type) {
        return new WatchFrame(maker, deviceId, type);
    }

    @Override
    public String toString() {
        return text();
    }
}
