package care.anxin.store.ingest;

import java.time.Instant;

/** A downlink command still to be delivered (QUEUED, or SENT without PUBACK). payloadJson is a JSON object. */
public record PendingCommand(long id, String deviceId, String kind, String payloadJson, Long alertId,
                             Instant createdAt) {
}
