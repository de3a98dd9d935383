package care.anxin.domain.wire;

import java.util.Objects;
import java.util.Optional;

/** An uplink topic {@code anxin/v1/{deviceId}/up/{kind}} split into its parts. */
public record DeviceTopic(String deviceId, MessageKind kind) {

    public static final String PREFIX = "anxin/v1/";
    /** Subscription filter matching every uplink topic. */
    public static final String UPLINK_FILTER = "anxin/v1/+/up/+";
    private static final String UP = "/up/";
    private static final String DOWN_COMMAND = "/down/command";

    public DeviceTopic {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(kind, "kind");
    }

    /** The topic string of this uplink. */
    public String topic() {
        return uplink(deviceId, kind);
    }

    /** Parses an uplink topic; empty for anything else (unknown kind, bad device id, extra levels). */
    public static Optional<DeviceTopic> parseUplink(String topic) {
        if (topic == null || !topic.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int up = topic.indexOf(UP, PREFIX.length());
        if (up < 0) {
            return Optional.empty();
        }
        String deviceId = topic.substring(PREFIX.length(), up);
        if (!isValidDeviceId(deviceId)) {
            return Optional.empty();
        }
        return MessageKind.fromSegment(topic.substring(up + UP.length()))
                .map(kind -> new DeviceTopic(deviceId, kind));
    }

    /** The device id of a command topic {@code anxin/v1/{deviceId}/down/command}, if it is one. */
    public static Optional<String> parseCommand(String topic) {
        if (topic == null || !topic.startsWith(PREFIX) || !topic.endsWith(DOWN_COMMAND)) {
            return Optional.empty();
        }
        int end = topic.length() - DOWN_COMMAND.length();
        if (end < PREFIX.length()) {
            return Optional.empty();
        }
        String deviceId = topic.substring(PREFIX.length(), end);
        return isValidDeviceId(deviceId) ? Optional.of(deviceId) : Optional.empty();
    }

    public static String uplink(String deviceId, MessageKind kind) {
        return PREFIX + deviceId + "/" + kind.topicSuffix();
    }

    public static String command(String deviceId) {
        return PREFIX + deviceId + DOWN_COMMAND;
    }

    /** Device ids are 3-64 characters of {@code A-Z a-z 0-9 _ -}. */
    public static boolean isValidDeviceId(String id) {
        if (id == null || id.length() < 3 || id.length() > 64) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
