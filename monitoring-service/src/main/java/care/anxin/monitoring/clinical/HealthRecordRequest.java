package care.anxin.monitoring.clinical;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** PUT /api/v1/elders/{id}/health-record: the whole record (conditions matched by ICD-10 code). */
public record HealthRecordRequest(
        @Pattern(regexp = "A|B|AB|O|A-|B-|AB-|O-|UNKNOWN", message = "must be A, B, AB, O (Rh- with a trailing -) or UNKNOWN")
        String bloodType,
        @Pattern(regexp = "SELF_CARE|MILD|MODERATE|SEVERE", message = "must be SELF_CARE, MILD, MODERATE or SEVERE")
        String careLevel,
        @NotNull @Size(max = 30) List<@NotBlank @Size(max = 100) String> allergies,
        @Size(max = 4000) String notes,
        @NotNull @Size(max = 50) List<@Valid ConditionBody> conditions,
        @NotNull @Size(max = 50) List<@Valid MedicationBody> medications) {

    public record ConditionBody(
            @NotBlank @Pattern(regexp = "[A-Z][0-9]{2}(\\.[0-9A-Z]{1,4})?", message = "must be an ICD-10 code such as I10 or E11.9")
            String icd10,
            @NotBlank @Size(max = 100) String name,
            LocalDate diagnosedOn,
            @Min(1) @Max(3650) Integer followUpDays,
            LocalDate nextFollowUp) {
    }

    public record MedicationBody(@NotBlank @Size(max = 100) String name, @Size(max = 100) String dose,
                                 @Size(max = 100) String schedule) {
    }
}
