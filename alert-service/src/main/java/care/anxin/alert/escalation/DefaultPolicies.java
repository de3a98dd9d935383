package care.anxin.alert.escalation;

import care.anxin.domain.incident.Severity;
import care.anxin.domain.incident.IncidentKind;
import care.anxin.alert.config.AlertProperties;
import care.anxin.alert.escalation.EscalationPolicy.Step;
import care.anxin.alert.escalation.EscalationPolicy.Target;
import java.util.List;

/**
 * The built-in policies for organizations without one (docs/alerting.md):
 * SOS/FALL: care center at once; not acknowledged after ackTimeout: parent organization and family,
 * reminding until acknowledged; not resolved after resolveTimeout: nearest medical partner.
 * HIGH: care center, then the parent organization after 5 minutes unacknowledged. Others: care center.
 * EARLY_WARNING also goes at once to the contracted doctors who set up an alert channel.
 */
public class DefaultPolicies {

    private final AlertProperties.Escalation settings;

    public DefaultPolicies(AlertProperties.Escalation settings) {
        this.settings = settings;
    }

    public EscalationPolicy forIncident(IncidentKind kind, Severity severity) {
        Step now = new Step(0, null, null, List.of(Target.organization(0)));
        if (kind == IncidentKind.EARLY_WARNING) {
            // The contracted doctors who asked for it hear of an early warning at once (docs/clinical.md).
            now = new Step(0, null, null, List.of(Target.organization(0), Target.doctors()));
        }
        if (kind.urgent()) {
            return new EscalationPolicy("default:urgent", List.of(now,
                    new Step(seconds(settings.ackTimeout()), "ACKNOWLEDGED", seconds(settings.reminderInterval()),
                            List.of(Target.organization(1), Target.contacts())),
                    new Step(seconds(settings.resolveTimeout()), "RESOLVED", null, List.of(Target.partner()))));
        }
        if (severity.compareTo(Severity.HIGH) >= 0) {
            return new EscalationPolicy("default:high", List.of(now,
                    new Step(300, "ACKNOWLEDGED", null, List.of(Target.organization(1)))));
        }
        return new EscalationPolicy("default:notify", List.of(now));
    }

    private static int seconds(java.time.Duration d) {
        return (int) d.toSeconds();
    }
}
