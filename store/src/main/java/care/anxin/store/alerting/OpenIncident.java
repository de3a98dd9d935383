package care.anxin.store.alerting;

import care.anxin.domain.incident.IncidentKind;
import care.anxin.domain.incident.IncidentStatus;
import java.time.Instant;

/** An open (OPEN or ACKNOWLEDGED) incident as the rules need it. */
public record OpenIncident(long id, long elderId, IncidentKind kind, IncidentStatus status, Instant firstEventAt,
                           Instant lastEventAt, Instant openedAt) {
}
