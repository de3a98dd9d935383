package care.anxin.monitoring.live;

import java.nio.charset.StandardCharsets;

/** One server-sent-events frame, encoded once and written to every stream that may see it. */
record SseFrame(byte[] bytes) {

    static final SseFrame HEARTBEAT = comment("hb");

    /** An event with id and name; {@code json} is one line (Jackson never writes raw newlines). */
    static SseFrame event(long id, String name, byte[] json) {
        byte[] head = ("id:" + id + "\nevent:" + name + "\ndata:").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + json.length + 2];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(json, 0, out, head.length, json.length);
        out[out.length - 2] = '\n';
        out[out.length - 1] = '\n';
        return new SseFrame(out);
    }

    /** The first frame: reconnect delay for the browser and a comment. */
    static SseFrame hello(long reconnectMillis) {
        return new SseFrame(("retry:" + reconnectMillis + "\n:anxin alert stream\n\n").getBytes(StandardCharsets.UTF_8));
    }

    static SseFrame comment(String text) {
        return new SseFrame((":" + text + "\n\n").getBytes(StandardCharsets.UTF_8));
    }
}
