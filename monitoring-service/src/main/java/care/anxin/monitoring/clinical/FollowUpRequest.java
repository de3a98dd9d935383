package care.anxin.monitoring.clinical;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** POST /api/v1/elders/{id}/follow-ups. Measurements use the plausible ranges of the vital-sign catalogue. */
public record FollowUpRequest(
        @Pattern(regexp = "[A-Z][0-9]{2}(\\.[0-9A-Z]{1,4})?", message = "must be an ICD-10 code of the record") String icd10,
        @NotNull LocalDate doneOn,
        @NotNull @Pattern(regexp = "VISIT|PHONE|CLINIC", message = "must be VISIT, PHONE or CLINIC") String way,
        @Min(50) @Max(260) Integer sbp,
        @Min(30) @Max(160) Integer dbp,
        @DecimalMin("1") @DecimalMax("35") Double glucose,
        @Size(max = 4000) String notes,
        LocalDate nextDue) {
}
