package care.anxin.store.alerting;

import care.anxin.domain.incident.IncidentKind;
import care.anxin.domain.incident.Severity;
import java.time.Instant;

/**
 * What a rule wants opened (or counted, when the elder already has an open incident of the kind).
 *
 * @param detail JSON object merged into alert.detail
 * @param eventAt when the triggering event happened
 * @param now the service clock's time, used as opened_at / updated_at
 */
public record IncidentDraft(long elderId, long organizationId, String deviceId, IncidentKind kind, Severity severity,
                            String title, String detail, Instant eventAt, Instant now, Double lat, Double lon) {
}
