package care.anxin.store.alerting;

import java.time.Instant;

/** A held event (a fall inside its cancel window). payload is the first event's JSON. */
public record Hold(long id, long elderId, long organizationId, String deviceId, String kind, String status,
                   long eventId, String msgId, int eventCount, Instant occurredAt, Instant heldAt,
                   Instant holdUntil, String payload) {
}
