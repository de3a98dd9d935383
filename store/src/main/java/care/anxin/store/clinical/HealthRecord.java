package care.anxin.store.clinical;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An elder's health record (健康档案).
 *
 * @param bloodType  A, B, AB, O (Rh-negative with a trailing minus) or UNKNOWN; null when not recorded
 * @param careLevel  SELF_CARE, MILD, MODERATE or SEVERE (disability / care level); null when not assessed
 * @param updatedBy  display name of the last editor, null for a record never edited
 */
public record HealthRecord(long elderId, String bloodType, String careLevel, List<String> allergies, String notes,
                           List<Condition> conditions, List<Medication> medications, Instant updatedAt,
                           String updatedBy) {

    /** A diagnosed condition with its follow-up plan (interval and next due date, both optional). */
    public record Condition(String icd10, String name, LocalDate diagnosedOn, Integer followUpDays,
                            LocalDate nextFollowUp) {
    }

    public record Medication(String name, String dose, String schedule) {
    }

    public static HealthRecord empty(long elderId) {
        return new HealthRecord(elderId, null, null, List.of(), null, List.of(), List.of(), null, null);
    }
}
