package care.anxin.monitoring.helpcenter;

import care.anxin.monitoring.api.BadRequestException;
import care.anxin.domain.incident.IncidentKind;
import care.anxin.monitoring.api.ConflictException;
import care.anxin.monitoring.api.ForbiddenException;
import care.anxin.monitoring.api.NotFoundException;
import care.anxin.monitoring.audit.AuditTrail;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.monitoring.security.SecretTokens;
import care.anxin.store.console.AlertQueries;
import care.anxin.store.console.ConsoleViews.AlertView;
import care.anxin.store.console.Role;
import care.anxin.store.helpcenter.PeopleDirectory;
import care.anxin.store.incident.Dispatch;
import care.anxin.store.incident.DispatchCommands;
import care.anxin.store.incident.IncidentStateException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Dispatch to the doorstep: an operator sends a responder (an account with role RESPONDER, or any
 * phone number); the responder gets an SMS through the alert service's outbox with a link to the
 * mobile responder page. The link's token is random and stored only as its hash.
 */
@Service
public class Dispatching {

    /** A dispatch as the operator sees it (no token: that went only to the responder's phone). */
    public record DispatchView(long id, long alertId, Long responderUserId, String responderName, String responderPhone,
                               String note, String status, java.time.Instant dispatchedAt, java.time.Instant departedAt,
                               java.time.Instant arrivedAt, java.time.Instant finishedAt, String outcome,
                               String outcomeNote, java.time.Instant expiresAt, String notificationStatus,
                               java.time.Instant notifiedAt) {

        static DispatchView of(Dispatch d) {
            return new DispatchView(d.id(), d.alertId(), d.responderUserId(), d.responderName(), d.responderPhone(),
                    d.note(), d.status().name(), d.dispatchedAt(), d.departedAt(), d.arrivedAt(), d.finishedAt(),
                    d.outcome(), d.outcomeNote(), d.expiresAt(), d.notificationStatus(), d.notifiedAt());
        }
    }

    public record Responder(long id, String displayName, String phone) {
    }

    private final DispatchCommands commands;
    private final AlertQueries alerts;
    private final PeopleDirectory people;
    private final SecretTokens tokens;
    private final AuditTrail audit;
    private final HelpCenterProperties properties;
    private final Clock clock = Clock.systemUTC();

    public Dispatching(DispatchCommands commands, AlertQueries alerts, PeopleDirectory people, SecretTokens tokens,
                       AuditTrail audit, HelpCenterProperties properties) {
        this.commands = commands;
        this.alerts = alerts;
        this.people = people;
        this.tokens = tokens;
        this.audit = audit;
        this.properties = properties;
    }

    public DispatchView dispatch(AnxinPrincipal me, long alertId, HelpCenterRequests.Dispatch body) {
        AlertView alert = alerts.find(me.scope(), alertId).orElseThrow(() -> new NotFoundException("Alert", alertId)).view();
        // Dispatching takes the call (acknowledges): for an emergency, the same care roles as acknowledge.
        if (IncidentKind.fromName(alert.kind()).map(IncidentKind::urgent).orElse(false) && !me.role().care()) {
            throw new ForbiddenException("Only care staff, district staff or administrators may dispatch to a "
                    + alert.kind() + " incident");
        }
        DispatchCommands.Responder responder = responder(me, body);
        if (responder.phone() == null) {
            throw new BadRequestException("responderUserId", "Responder " + responder.name() + " has no phone number to send the link to");
        }
        String token = tokens.dispatchToken();
        String link = properties.publicUrl().replaceAll("/+$", "") + "/responder.html#" + token;
        String text = "【安心】派单：请上门查看 " + alert.elder().name()
                + (alert.elder().address() != null ? "，" + alert.elder().address() : "")
                + (body.note() != null && !body.note().isBlank() ? "。" + body.note() : "")
                + "。出发、到达请点 " + link + " （事件 " + alertId + "）";
        Dispatch d;
        try {
            d = commands.dispatch(alertId, responder, body.note(), me.userId(), SecretTokens.sha256(token),
                    clock.instant().plus(properties.dispatchLinkTtl()), text);
        } catch (IncidentStateException e) {
            throw new ConflictException(e.getMessage(), e);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("dispatchId", d.id());
        detail.put("responder", responder.name());
        if (responder.userId() != null) {
            detail.put("responderUserId", responder.userId());
        }
        audit.record(me, "ALERT_DISPATCH", "alert", alertId, detail);
        return DispatchView.of(d);
    }

    public List<DispatchView> forAlert(AnxinPrincipal me, long alertId) {
        alerts.find(me.scope(), alertId).orElseThrow(() -> new NotFoundException("Alert", alertId));
        return commands.forAlert(alertId).stream().map(DispatchView::of).toList();
    }

    /** The responder accounts the operator may send. */
    public List<Responder> responders(AnxinPrincipal me) {
        return people.withRole(me.scope(), Role.RESPONDER).stream()
                .map(p -> new Responder(p.id(), p.displayName(), p.phone())).toList();
    }

    private DispatchCommands.Responder responder(AnxinPrincipal me, HelpCenterRequests.Dispatch body) {
        if (body.responderUserId() != null) {
            PeopleDirectory.Person p = people.findVisible(me.scope(), body.responderUserId())
                    .orElseThrow(() -> new NotFoundException("User", body.responderUserId()));
            if (p.role() != Role.RESPONDER) {
                throw new BadRequestException("responderUserId", "User " + p.id() + " is not a responder");
            }
            String phone = body.responderPhone() != null ? body.responderPhone() : p.phone();
            return new DispatchCommands.Responder(p.id(), p.displayName(), phone);
        }
        if (body.responderPhone() == null) {
            throw new BadRequestException("responderUserId", "Give responderUserId or responderPhone");
        }
        String name = body.responderName() != null && !body.responderName().isBlank() ? body.responderName() : body.responderPhone();
        return new DispatchCommands.Responder(null, name, body.responderPhone());
    }
}
