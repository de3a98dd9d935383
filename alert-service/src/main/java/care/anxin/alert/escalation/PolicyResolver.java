package care.anxin.alert.escalation;

import care.anxin.domain.incident.Severity;
import care.anxin.domain.incident.IncidentKind;
import care.anxin.alert.incident.JsonText;
import care.anxin.store.alerting.DirectoryRepository;
import care.anxin.store.alerting.OrganizationRef;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the policy for an incident: the nearest organization up the tree with a policy for the kind
 * (or '*') wins; none, or a policy that does not parse, means the built-in default (logged).
 */
public class PolicyResolver {

    private static final Logger log = LoggerFactory.getLogger(PolicyResolver.class);
    private static final TypeReference<List<EscalationPolicy.Step>> STEPS = new TypeReference<>() {
    };

    private final DirectoryRepository directory;
    private final DefaultPolicies defaults;
    private final JsonText json;

    public PolicyResolver(DirectoryRepository directory, DefaultPolicies defaults, JsonText json) {
        this.directory = directory;
        this.defaults = defaults;
        this.json = json;
    }

    public EscalationPolicy resolve(long organizationId, IncidentKind kind, Severity severity) {
        List<Long> chain = directory.chain(organizationId).stream().map(OrganizationRef::id).toList();
        return directory.policySteps(chain, kind.name()).map(steps -> parse(steps, organizationId, kind, severity))
                .orElseGet(() -> defaults.forIncident(kind, severity));
    }

    private EscalationPolicy parse(String steps, long organizationId, IncidentKind kind, Severity severity) {
        try {
            return new EscalationPolicy("organization:" + organizationId, json.mapper().readValue(steps, STEPS));
        } catch (Exception e) {
            log.error("Escalation policy for organization {} kind {} is invalid ({}); using the built-in default",
                    organizationId, kind, e.getMessage());
            return defaults.forIncident(kind, severity);
        }
    }
}
