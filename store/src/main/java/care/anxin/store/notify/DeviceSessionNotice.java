package care.anxin.store.notify;

import java.time.Instant;
import java.util.Optional;

/**
 * Notifications about devices' live sessions between gateways (and the admin API):
 * {@link #CHANNEL} carries "this device just connected to that node" so any other gateway still
 * holding it closes its old session as taken over; {@link #REVOKED_CHANNEL} carries a device id
 * whose session must end (disabled, secret rotated, re-bound; sent by the V55 trigger).
 */
public record DeviceSessionNotice(String deviceId, String node, Instant connectedAt) {

    public static final String CHANNEL = "device_session";
    public static final String REVOKED_CHANNEL = "device_revoked";

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
