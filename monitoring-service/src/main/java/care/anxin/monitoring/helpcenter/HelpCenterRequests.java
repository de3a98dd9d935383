package care.anxin.monitoring.helpcenter;

import care.anxin.store.incident.CallKind;
import care.anxin.store.incident.DispatchStatus;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Bodies of the help-center endpoints. */
public final class HelpCenterRequests {

    private HelpCenterRequests() {
    }

    static final String PHONE = "\\+?[0-9][0-9 -]{4,30}";

    /** A phone call logged by an operator. */
    public record PhoneCall(@NotNull Long elderId, @NotNull CallKind kind,
                            @Pattern(regexp = "CRITICAL|HIGH|MEDIUM|LOW") String severity,
                            @NotBlank @Size(max = 4000) String note,
                            @Pattern(regexp = PHONE) String callerPhone,
                            @Size(max = 100) String callerRelation,
                            @Size(max = 64) String serviceKind) {
    }

    /** Send a responder: an account ({@code responderUserId}) or a phone number with an optional name. */
    public record Dispatch(Long responderUserId, @Pattern(regexp = PHONE) String responderPhone,
                           @Size(max = 100) String responderName, @Size(max = 2000) String note) {
    }

    /** The responder's progress: EN_ROUTE, ARRIVED, or DONE with an outcome. */
    public record Progress(@NotNull DispatchStatus status,
                           @Pattern(regexp = "HELP_PROVIDED|FALSE_ALARM|HOSPITALIZED|NO_ACTION_NEEDED|OTHER") String outcome,
                           @Size(max = 2000) String note) {
    }

    public record Message(@NotBlank @Size(max = 200) String text, @Size(max = 400) String textEn) {
    }

    /** New reporting intervals; at least one. */
    public record Config(@Min(10) @Max(86400) Integer vitalsIntervalSec,
                         @Min(10) @Max(86400) Integer locationIntervalSec) {
    }

    public record FamilyLink(@NotNull Long userId, @NotNull Long elderId, @Size(max = 50) String relation) {
    }
}
