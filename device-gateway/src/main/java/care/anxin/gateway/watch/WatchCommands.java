package care.anxin.gateway.watch;

import care.anxin.domain.watch.WatchFrame;
import care.anxin.domain.wire.DeviceCommand;
import java.util.Optional;

/**
 * The platform's commands in the watch's words (docs/protocol-watch.md, "Commands"); the watch
 * answers each with a frame of the same type, which marks the command delivered.
 */
final class WatchCommands {

    private WatchCommands() {
    }

    /** The content of the command frame; empty when a watch cannot carry out the command. */
    static Optional<String> content(DeviceCommand c) {
        return switch (c.type()) {
            case LOCATE -> Optional.of("CR");
            case MESSAGE, ALERT_ACK -> c.text() == null || c.text().isBlank() ? Optional.empty()
                    : Optional.of("MESSAGE," + WatchFrame.utf16Hex(c.text()));
            case CONFIG -> Optional.ofNullable(c.locationIntervalSec() != null ? c.locationIntervalSec()
                    : c.vitalsIntervalSec()).map(seconds -> "UPLOAD," + seconds);
        };
    }

    /** The type of a command frame's content, which is also the type of the watch's answer. */
    static String answerType(String content) {
        int comma = content.indexOf(',');
        return comma < 0 ? content : content.substring(0, comma);
    }
}
