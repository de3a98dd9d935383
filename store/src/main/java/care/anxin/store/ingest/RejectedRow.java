package care.anxin.store.ingest;

import java.time.Instant;

/** A refused uplink message kept in {@code rejected_message} with its reason. */
public record RejectedRow(Instant receivedAt, String deviceId, String topic, int reasonCode, String reason,
                          byte[] payload, String remoteAddress) {
    public RejectedRow {
        // PostgreSQL text cannot hold NUL; device-supplied strings may contain it.
        deviceId = withoutNul(deviceId);
        topic = withoutNul(topic);
        reason = withoutNul(reason);
    }

    private static String withoutNul(String s) {
        return s == null ? null : s.replace("\u0000", "\\u0000");
    }
}
