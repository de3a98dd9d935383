package care.anxin.alert.escalation;

import care.anxin.domain.incident.IncidentStatus;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Comparator;
import java.util.List;

/**
 * An escalation policy: the steps stored as JSON in escalation_policy.steps (shape in
 * docs/alerting.md). Steps fire at opened_at + afterSeconds, in order.
 */
public record EscalationPolicy(String source, List<Step> steps) {

    public EscalationPolicy {
        steps = steps.stream().sorted(Comparator.comparingInt(Step::afterSeconds)).toList();
    }

    /** The step whose reminders run once steps [0, level) have fired: the last one with a repeat. */
    public int reminderStep(int level) {
        for (int i = Math.min(level, steps.size()) - 1; i >= 0; i--) {
            if (steps.get(i).repeatEverySeconds() != null && steps.get(i).repeatEverySeconds() > 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * One step.
     *
     * @param unless ACKNOWLEDGED: skipped once someone acknowledged; RESOLVED (or null): fires while open
     * @param repeatEverySeconds reminders of this step's targets until acknowledged (null: none)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(int afterSeconds, String unless, Integer repeatEverySeconds, List<Target> targets) {
        public Step {
            targets = targets == null ? List.of() : List.copyOf(targets);
            if (afterSeconds < 0) {
                throw new IllegalArgumentException("afterSeconds must not be negative");
            }
            if (unless != null && !unless.equals("ACKNOWLEDGED") && !unless.equals("RESOLVED")) {
                throw new IllegalArgumentException("unless must be ACKNOWLEDGED or RESOLVED, not " + unless);
            }
        }

        /** Whether the step still fires for an incident in this status. */
        public boolean appliesTo(IncidentStatus status) {
            return !("ACKNOWLEDGED".equals(unless) && status == IncidentStatus.ACKNOWLEDGED);
        }
    }

    /**
     * Who a step notifies.
     *
     * @param type ORGANIZATION (endpoints of an organization up the tree), CONTACTS (family), PARTNER (nearest medical partner)
     * @param up ORGANIZATION: levels above the elder's care center (0 = the center itself)
     * @param organizationKind ORGANIZATION: climb to the first organization of this kind (STREET, DISTRICT, CITY)
     * @param organizationId ORGANIZATION or PARTNER: this organization exactly
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(String type, Integer up, String organizationKind, Long organizationId) {
        public Target {
            if (type == null || !List.of("ORGANIZATION", "CONTACTS", "PARTNER", "DOCTORS").contains(type)) {
                throw new IllegalArgumentException("target type must be ORGANIZATION, CONTACTS, PARTNER or DOCTORS, not " + type);
            }
        }

        public static Target organization(int up) {
            return new Target("ORGANIZATION", up, null, null);
        }

        public static Target contacts() {
            return new Target("CONTACTS", null, null, null);
        }

        /** The elder's contracted doctors that set up their own alert channel. */
        public static Target doctors() {
            return new Target("DOCTORS", null, null, null);
        }

        public static Target partner() {
            return new Target("PARTNER", null, null, null);
        }
    }
}
