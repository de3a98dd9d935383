package care.anxin.store.alerting;

import java.time.Instant;

/** An incident's escalation timers, read under a row lock by the escalation job. */
public record EscalationState(long id, long elderId, long organizationId, String deviceId, String kind,
                              String severity, String status, Instant openedAt, int level,
                              Instant nextEscalationAt, Instant nextReminderAt, int reminderCount) {

    public boolean acknowledged() {
        return "ACKNOWLEDGED".equals(status);
    }
}
