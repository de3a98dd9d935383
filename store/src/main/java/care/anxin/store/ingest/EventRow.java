package care.anxin.store.ingest;

import java.time.Instant;

/** One row of the {@code device_event} queue; payloadJson is a JSON object. */
public record EventRow(Long elderId, String deviceId, String kind, Instant occurredAt, Instant receivedAt,
                       String msgId, String payloadJson) {
}
