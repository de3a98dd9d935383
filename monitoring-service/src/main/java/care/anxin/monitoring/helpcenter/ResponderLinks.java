package care.anxin.monitoring.helpcenter;

import care.anxin.monitoring.api.BadRequestException;
import care.anxin.monitoring.api.ConflictException;
import care.anxin.monitoring.api.NotFoundException;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.monitoring.security.SecretTokens;
import care.anxin.store.console.AlertQueries;
import care.anxin.store.console.AuditRepository;
import care.anxin.store.console.ConsoleViews.AlertView;
import care.anxin.store.incident.Dispatch;
import care.anxin.store.incident.DispatchCommands;
import care.anxin.store.incident.DispatchStatus;
import care.anxin.store.incident.IncidentStateException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The responder's side of a dispatch: through the link's token (no account needed) or, for a
 * RESPONDER account, through their own list. Either way they see the incident's elder card,
 * address, contacts and last location, and report on my way / arrived / done.
 */
@Service
public class ResponderLinks {

    /** What the responder page shows. {@code actionable}: the buttons still work. */
    public record ResponderView(Dispatching.DispatchView dispatch, AlertView alert, JsonNode incidentDetail,
                                boolean actionable) {
    }

    private final DispatchCommands commands;
    private final AlertQueries alerts;
    private final AuditRepository audit;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    public ResponderLinks(DispatchCommands commands, AlertQueries alerts, AuditRepository audit, ObjectMapper json) {
        this.commands = commands;
        this.alerts = alerts;
        this.audit = audit;
        this.json = json;
    }

    public ResponderView byToken(String token) {
        Dispatch d = dispatch(token);
        if (!clock.instant().isBefore(d.expiresAt())) {
            throw new LinkGoneException("This dispatch link has expired");
        }
        return view(d);
    }

    public ResponderView advanceByToken(String token, HelpCenterRequests.Progress progress) {
        return advance(dispatch(token), progress);
    }

    public List<ResponderView> mine(AnxinPrincipal me) {
        return commands.forResponder(me.userId(), 50).stream().map(this::view).toList();
    }

    public ResponderView advanceMine(AnxinPrincipal me, long dispatchId, HelpCenterRequests.Progress progress) {
        Dispatch d = commands.find(dispatchId).filter(x -> x.responderUserId() != null && x.responderUserId() == me.userId())
                .orElseThrow(() -> new NotFoundException("Dispatch", dispatchId));
        return advance(d, progress);
    }

    private ResponderView advance(Dispatch d, HelpCenterRequests.Progress progress) {
        if (progress.status() == DispatchStatus.DONE && progress.outcome() == null) {
            throw new BadRequestException("outcome", "Say how it ended: an outcome is needed with DONE");
        }
        if (progress.status() == DispatchStatus.DISPATCHED || progress.status() == DispatchStatus.CANCELLED) {
            throw new BadRequestException("status", "Report EN_ROUTE, ARRIVED or DONE");
        }
        if (d.status() != progress.status() && !actionable(d)) {
            throw new LinkGoneException("This dispatch is " + d.status() + " or its incident is closed; nothing more to report");
        }
        Dispatch after;
        try {
            after = commands.advance(d.id(), progress.status(), progress.outcome(), progress.note(), d.responderUserId());
        } catch (IncidentStateException e) {
            throw new ConflictException(e.getMessage(), e);
        }
        if (after.status() == d.status()) {
            return view(after); // a repeated tap changes nothing and is not audited again
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("dispatchId", d.id());
        detail.put("status", progress.status().name());
        if (progress.outcome() != null) {
            detail.put("outcome", progress.outcome());
        }
        audit.record(d.responderUserId(), "responder:" + d.responderName(), "DISPATCH_" + progress.status().name(),
                "alert", String.valueOf(d.alertId()), text(detail));
        return view(after);
    }

    private Dispatch dispatch(String token) {
        if (token == null || token.length() < 20 || token.length() > 100) {
            throw new NotFoundException("Dispatch link", "?");
        }
        return commands.findByToken(SecretTokens.sha256(token)).orElseThrow(() -> new NotFoundException("Dispatch link", "?"));
    }

    private ResponderView view(Dispatch d) {
        AlertView alert = alerts.findForFanOut(d.alertId()).orElseThrow(() -> new NotFoundException("Alert", d.alertId())).view();
        return new ResponderView(Dispatching.DispatchView.of(d), alert, alerts.detail(d.alertId()),
                actionable(d) && isActive(alert));
    }

    private boolean actionable(Dispatch d) {
        return d.actionable(clock.instant());
    }

    private static boolean isActive(AlertView alert) {
        return "OPEN".equals(alert.status()) || "ACKNOWLEDGED".equals(alert.status());
    }

    private String text(Map<String, Object> detail) {
        try {
            return json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }
}
