package care.anxin.store.notify;

import java.time.Instant;
import java.util.Optional;

/**
 * The payload of {@link NotifyChannel#DEVICE_SESSION}: "this device just connected to that node",
 * so any other gateway still holding it closes its old session as taken over.
 */
public record DeviceSessionNotice(String deviceId, String node, Instant connectedAt) {

    /** The NOTIFY payload: {@code deviceId node epochMillis} (ids and node names contain no spaces). */
    public String payload() {
        return deviceId + " " + node + " " + connectedAt.toEpochMilli();
    }

    public static Optional<DeviceSessionNotice> parse(String payload) {
        String[] parts = payload == null ? new String[0] : payload.split(" ");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DeviceSessionNotice(parts[0], parts[1], Instant.ofEpochMilli(Long.parseLong(parts[2]))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
