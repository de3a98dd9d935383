package care.anxin.store.ingest;

import care.anxin.domain.event.DeviceEventKind;
import care.anxin.domain.event.DeviceEventPayload;
import java.time.Instant;

/** One row of the {@code device_event} queue; the payload is stored as ContractJson. */
public record EventRow(Long elderId, String deviceId, DeviceEventKind kind, Instant occurredAt, Instant receivedAt,
                       String msgId, DeviceEventPayload payload) {
}
