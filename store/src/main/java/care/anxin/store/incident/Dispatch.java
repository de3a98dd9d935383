package care.anxin.store.incident;

import java.time.Instant;

/** One dispatch of a responder to an incident (alert_dispatch row). */
public record Dispatch(long id, long alertId, Long responderUserId, String responderName, String responderPhone,
                       String note, DispatchStatus status, Instant dispatchedAt, Instant departedAt, Instant arrivedAt,
                       Instant finishedAt, String outcome, String outcomeNote, Instant expiresAt,
                       String notificationStatus, Instant notifiedAt) {

    /** Whether the responder's link may still change anything at {@code now}. */
    public boolean actionable(Instant now) {
        return !status.finished() && now.isBefore(expiresAt);
    }
}
