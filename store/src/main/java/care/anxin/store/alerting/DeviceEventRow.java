package care.anxin.store.alerting;

import java.time.Instant;

/** One claimed row of the device_event queue; payload is the JSON text. */
public record DeviceEventRow(long id, Long elderId, String deviceId, String kind, Instant occurredAt,
                             Instant receivedAt, String msgId, String payload, int attempts) {
}
