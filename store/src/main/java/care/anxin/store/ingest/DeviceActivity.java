package care.anxin.store.ingest;

import java.time.Instant;

/** The latest sign of life of a device, folded in memory and written in periodic batches. */
public record DeviceActivity(String deviceId, Instant lastSeen, Integer battery, String firmware) {
    public DeviceActivity {
        // PostgreSQL text cannot hold NUL; firmware strings come from devices.
        firmware = firmware == null ? null : firmware.replace("\u0000", "");
    }

    /** Merges a newer observation into this one, keeping known values the newer one lacks. */
    public DeviceActivity merge(DeviceActivity newer) {
        return new DeviceActivity(deviceId,
                newer.lastSeen.isAfter(lastSeen) ? newer.lastSeen : lastSeen,
                newer.battery != null ? newer.battery : battery,
                newer.firmware != null ? newer.firmware : firmware);
    }
}
