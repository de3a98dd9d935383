package care.anxin.store.alerting;

import care.anxin.domain.incident.IncidentKind;
import java.time.Instant;

/** An acknowledged SOS/FALL incident whose elder has not yet been told that a person confirmed. */
public record AckNotice(long alertId, long elderId, String deviceId, IncidentKind kind, Instant acknowledgedAt,
                        String organizationName) {
}
