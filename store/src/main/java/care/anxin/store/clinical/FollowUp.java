package care.anxin.store.clinical;

import java.time.LocalDate;

/**
 * A follow-up done (随访).
 *
 * @param icd10 the condition followed up, null for a general follow-up
 * @param way   VISIT, PHONE or CLINIC
 */
public record FollowUp(Long id, long elderId, String icd10, LocalDate doneOn, String way, Integer sbp, Integer dbp,
                       Double glucose, String notes, LocalDate nextDue, String doctorName) {
}
