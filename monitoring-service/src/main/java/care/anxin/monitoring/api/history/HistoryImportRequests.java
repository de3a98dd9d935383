package care.anxin.monitoring.api.history;

import care.anxin.store.incident.IncidentOutcome;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** Bodies of PUT /api/v1/admin/history-imports/{key} (docs/api.md). */
public final class HistoryImportRequests {

    private HistoryImportRequests() {
    }

    public record Import(@NotNull Long organizationId, @NotNull @Size(max = 1000) List<@Valid Incident> incidents) {
    }

    /** A closed past incident; users by username. A fall the elder cancelled has no acknowledgement or outcome. */
    public record Incident(@NotNull Long elderId, @Size(max = 64) String deviceId,
                           @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}") String kind,
                           @NotBlank @Pattern(regexp = "CRITICAL|HIGH|MEDIUM|LOW") String severity,
                           @NotBlank @Size(max = 200) String title, @NotNull Instant openedAt, Instant escalatedAt,
                           Instant acknowledgedAt, @Size(max = 64) String acknowledgedBy, @NotNull Instant resolvedAt,
                           @Size(max = 64) String resolvedBy, IncidentOutcome outcome, @Size(max = 2000) String note,
                           boolean cancelledByElder, Double lat, Double lon,
                           @Size(max = 20) List<@Valid Notification> notifications) {
    }

    /** One delivery: {@code attempts} tries starting at firstAttemptAt, the last one delivered or not. */
    public record Notification(@NotNull Long endpointId, @NotNull Instant firstAttemptAt,
                               @Min(1) @Max(20) int attempts, boolean delivered, @Size(max = 500) String error) {
    }
}
