package care.anxin.monitoring.api;

import care.anxin.domain.incident.IncidentKind;
import care.anxin.monitoring.audit.AuditTrail;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.console.AlertQueries;
import care.anxin.store.console.ConsoleViews.AlertView;
import care.anxin.store.console.UserAccountRepository;
import care.anxin.store.incident.IncidentCommands;
import care.anxin.store.incident.IncidentOutcome;
import care.anxin.store.incident.IncidentStateException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The people's incident actions: scope check first (404 outside the scope), then the role check
 * (403: only care roles acknowledge or resolve an emergency — SOS, FALL — doctors and partners add
 * notes), then the store's {@link IncidentCommands}, then the audit row; answers the incident as it is now.
 */
@Service
public class IncidentActions {

    private final AlertQueries alerts;
    private final IncidentCommands commands;
    private final UserAccountRepository users;
    private final AuditTrail audit;

    private final TransactionTemplate tx;

    public IncidentActions(AlertQueries alerts, IncidentCommands commands, UserAccountRepository users,
                           AuditTrail audit, TransactionTemplate tx) {
        this.tx = tx;
        this.alerts = alerts;
        this.commands = commands;
        this.users = users;
        this.audit = audit;
    }

    public AlertView acknowledge(AnxinPrincipal me, long id, String note) {
        requireCareRoleForEmergency(me, id, "acknowledge");
        return act(me, id, "ALERT_ACKNOWLEDGE", detail("note", note), c -> c.acknowledge(id, me.userId(), note));
    }

    public AlertView assign(AnxinPrincipal me, long id, long assigneeId) {
        // The assignee must be someone the viewer can see; otherwise it is as if they did not exist.
        users.findVisible(me.scope(), assigneeId).orElseThrow(() -> new NotFoundException("User", assigneeId));
        return act(me, id, "ALERT_ASSIGN", detail("assigneeUserId", assigneeId),
                c -> c.assign(id, assigneeId, me.userId()));
    }

    public AlertView addNote(AnxinPrincipal me, long id, String text) {
        return act(me, id, "ALERT_NOTE", detail("text", text), c -> c.addNote(id, me.userId(), text));
    }

    public AlertView resolve(AnxinPrincipal me, long id, IncidentOutcome outcome, String note) {
        requireCareRoleForEmergency(me, id, "resolve");
        Map<String, Object> detail = detail("outcome", outcome.name());
        detail.putAll(detail("note", note));
        return act(me, id, "ALERT_RESOLVE", detail, c -> c.resolve(id, me.userId(), outcome, note));
    }

    /** The command and its audit row commit in one transaction (the command's own joins it). */
    private AlertView act(AnxinPrincipal me, long id, String action, Map<String, Object> detail,
                          Consumer<IncidentCommands> command) {
        AlertView before = requireVisible(me, id);
        tx.executeWithoutResult(status -> {
            try {
                command.accept(commands);
            } catch (IncidentStateException e) {
                throw new ConflictException(e.getMessage(), e);
            }
            audit.record(me, action, "alert", id, before.elder().id(), detail);
        });
        return requireVisible(me, id);
    }

    private void requireCareRoleForEmergency(AnxinPrincipal me, long id, String action) {
        AlertView alert = requireVisible(me, id);
        boolean emergency = IncidentKind.fromName(alert.kind()).map(IncidentKind::urgent).orElse(false);
        if (emergency && !me.role().care()) {
            throw new ForbiddenException("Only care staff, district staff or administrators may " + action + " a "
                    + alert.kind() + " incident; add a note instead");
        }
    }

    private AlertView requireVisible(AnxinPrincipal me, long id) {
        return alerts.find(me.scope(), id).orElseThrow(() -> new NotFoundException("Alert", id)).view();
    }

    private static Map<String, Object> detail(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (value != null) {
            map.put(key, value);
        }
        return map;
    }
}
