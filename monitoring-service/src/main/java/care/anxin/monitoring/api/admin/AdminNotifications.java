package care.anxin.monitoring.api.admin;

import care.anxin.monitoring.api.BadRequestException;
import care.anxin.monitoring.audit.AuditTrail;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.console.PartnerSettings;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Notification endpoints and escalation policies of organizations below the admin's. */
@Service
public class AdminNotifications {

    private final PartnerSettings partners;
    private final AdminDirectory directory;
    private final AuditTrail audit;

    public AdminNotifications(PartnerSettings partners, AdminDirectory directory, AuditTrail audit) {
        this.partners = partners;
        this.directory = directory;
        this.audit = audit;
    }

    @Transactional
    public long createEndpoint(AnxinPrincipal me, AdminRequests.Endpoint body) {
        directory.requireOrganization(me, body.organizationId());
        long id = partners.createEndpoint(body.organizationId(), body.channel(), body.name(), body.url(),
                body.secret(), body.phone());
        audit.record(me, "ENDPOINT_CREATE", "notification_endpoint", id, Map.of("organizationId",
                body.organizationId(), "channel", body.channel(), "name", body.name(), "url", body.url()));
        return id;
    }

    /** Steps are owned by the alert service (docs/alerting.md); here they must at least be a non-empty list. */
    @Transactional
    public long savePolicy(AnxinPrincipal me, AdminRequests.Policy body) {
        directory.requireOrganization(me, body.organizationId());
        if (!body.steps().isArray() || body.steps().isEmpty()) {
            throw new BadRequestException("steps", "steps must be a non-empty array");
        }
        body.steps().forEach(step -> {
            if (!step.isObject()) {
                throw new BadRequestException("steps", "every step must be an object");
            }
        });
        long id = partners.upsertPolicy(body.organizationId(), body.alertKind(), body.name(), body.steps().toString());
        audit.record(me, "ESCALATION_POLICY_SAVE", "escalation_policy", id, Map.of("organizationId",
                body.organizationId(), "alertKind", body.alertKind(), "steps", body.steps().size()));
        return id;
    }
}
