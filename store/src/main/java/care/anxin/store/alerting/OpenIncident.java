package care.anxin.store.alerting;

import java.time.Instant;

/** An open (OPEN or ACKNOWLEDGED) incident as the rules need it. */
public record OpenIncident(long id, long elderId, String kind, String status, Instant firstEventAt,
                           Instant lastEventAt, Instant openedAt) {
}
