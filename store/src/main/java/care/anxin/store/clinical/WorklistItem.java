package care.anxin.store.clinical;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One line of a doctor's worklist: an open early-warning / abnormal-vital incident, or a follow-up
 * due within the look-ahead or overdue.
 *
 * @param type     INCIDENT or FOLLOW_UP
 * @param urgency  higher is more urgent (see {@link WorklistQueries})
 */
public record WorklistItem(String type, int urgency, long elderId, String elderName, Integer elderAge,
                           Long alertId, String kind, String severity, String status, String title, Instant openedAt,
                           String icd10, String conditionName, LocalDate dueOn, Integer overdueDays) {
}
