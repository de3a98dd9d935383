package care.anxin.monitoring.api;

import care.anxin.store.incident.IncidentOutcome;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Bodies of the incident actions. */
public final class AlertRequests {

    private AlertRequests() {
    }

    public record Acknowledge(@Size(max = 2000) String note) {
    }

    public record Assign(@NotNull Long userId) {
    }

    public record Note(@NotBlank @Size(max = 4000) String text) {
    }

    public record Resolve(@NotNull IncidentOutcome outcome, @Size(max = 2000) String note) {
    }
}
