package care.anxin.store.alerting;

import care.anxin.domain.incident.IncidentKind;
import care.anxin.domain.incident.IncidentStatus;
import care.anxin.domain.incident.Severity;
import java.time.Instant;

/** An incident's escalation timers, read under a row lock by the escalation job. */
public record EscalationState(long id, long elderId, long organizationId, String deviceId, IncidentKind kind,
                              Severity severity, IncidentStatus status, Instant openedAt, int level,
                              Instant nextEscalationAt, Instant nextReminderAt, int reminderCount,
                              Instant escalationStartedAt, int round) {

    /** Steps count from here: the opening, or the new press that put an acknowledged incident back in play. */
    public Instant escalationBase() {
        return escalationStartedAt != null ? escalationStartedAt : openedAt;
    }

    public boolean acknowledged() {
        return status == IncidentStatus.ACKNOWLEDGED;
    }
}
