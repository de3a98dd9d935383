package care.anxin.simulator.watch;

import java.util.Set;

/**
 * Which frames the platform answers (docs/protocol-watch.md): a watch waits for these replies and
 * sends the frame again after reconnecting when none comes; the others are fire-and-forget, as on
 * a real watch.
 */
public final class WatchReplies {

    private static final Set<String> ANSWERED = Set.of("LK", "AL");

    /** Commands the platform sends to a watch and the watch answers with the same type. */
    public static final Set<String> COMMANDS = Set.of("CR", "MESSAGE", "UPLOAD");

    private WatchReplies() {
    }

    public static boolean answered(String type) {
        return ANSWERED.contains(type);
    }
}
