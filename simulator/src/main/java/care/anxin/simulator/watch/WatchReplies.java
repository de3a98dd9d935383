package care.anxin.simulator.watch;

/**
 * Which frames the platform answers (docs/protocol-watch.md, "What the platform understands"):
 * the heartbeat, every alarm ({@code AL…}, answered {@code AL}) and the health frames. A watch
 * waits for these replies and sends the frame again after reconnecting when none comes; position
 * reports ({@code UD}, {@code UD2}, …) are answered by nobody, as on a real watch.
 */
public final class WatchReplies {

    private WatchReplies() {
    }

    /** The reply type the platform sends for a frame of this type, or null if it sends none. */
    public static String replyTo(String type) {
        if (type.startsWith("AL")) {
            return "AL";
        }
        return switch (type) {
            case "LK", "bphrt", "heart", "oxygen", "btemp2" -> type;
            default -> null;
        };
    }

    public static boolean answered(String type) {
        return replyTo(type) != null;
    }
}
