package care.anxin.store.alerting;

import care.anxin.domain.incident.IncidentKind;
import care.anxin.domain.incident.IncidentStatus;
import care.anxin.domain.incident.Severity;
import java.time.Instant;

/** An incident with its elder and organization, as written into notification payloads. */
public record AlertSnapshot(long id, IncidentKind kind, Severity severity, IncidentStatus status, String title, int eventCount,
                            Instant openedAt, Instant lastEventAt, Double lat, Double lon, String detail,
                            long elderId, String elderName, String elderPhone, String elderAddress,
                            long organizationId, String organizationName, String organizationPhone) {
}
