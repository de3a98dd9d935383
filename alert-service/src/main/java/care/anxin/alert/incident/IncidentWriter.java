package care.anxin.alert.incident;

import care.anxin.domain.incident.IncidentKind;
import care.anxin.alert.escalation.Escalator;
import care.anxin.store.alerting.IncidentDraft;
import care.anxin.store.alerting.IncidentRepository;
import care.anxin.store.alerting.Upserted;
import java.time.Instant;
import java.util.Optional;

/**
 * The alert service's incident writes, each within the caller's transaction: open-or-count,
 * open-if-absent (condition rules) and auto-resolve, always with a timeline entry; a new
 * incident starts escalating in the same transaction.
 */
public class IncidentWriter {

    private final IncidentRepository incidents;
    private final Escalator escalator;
    private final JsonText json;
    private final AlertMetrics metrics;

    public IncidentWriter(IncidentRepository incidents, Escalator escalator, JsonText json, AlertMetrics metrics) {
        this.incidents = incidents;
        this.escalator = escalator;
        this.json = json;
        this.metrics = metrics;
    }

    /** Opens the incident, or counts the event into the open one (REPEATED on the timeline). */
    public Upserted record(IncidentDraft draft, String actionDetail) {
        return record(draft, actionDetail, 1);
    }

    /** As {@link #record(IncidentDraft, String)}, counting {@code events} coalesced events with one write. */
    public Upserted record(IncidentDraft draft, String actionDetail, int events) {
        Upserted u = incidents.upsert(draft, events);
        if (u.inserted()) {
            opened(u.id(), draft, actionDetail);
        } else {
            incidents.addAction(u.id(), draft.now(), "REPEATED", actionDetail);
        }
        return u;
    }

    /** Opens the incident unless one is open already (condition rules re-evaluated every round). */
    public Optional<Long> openIfAbsent(IncidentDraft draft, String actionDetail) {
        Optional<Long> id = incidents.openIfAbsent(draft);
        id.ifPresent(alertId -> opened(alertId, draft, actionDetail));
        return id;
    }

    /**
     * A new press on an acknowledged incident puts it back in play: OPEN, a new acknowledgement
     * needed, escalation restarted from step 0 (timeline PRESSED_AGAIN_AFTER_ACK). False when the
     * incident was not acknowledged (then the press is only counted).
     */
    public boolean reopenAfterAck(long alertId, Instant now, String actionDetail) {
        if (!incidents.reopen(alertId, now)) {
            return false;
        }
        incidents.addAction(alertId, now, "PRESSED_AGAIN_AFTER_ACK", actionDetail);
        metrics.incidentReopened();
        escalator.start(alertId, now);
        return true;
    }

    public void autoResolve(long elderId, IncidentKind kind, Instant now, String reason) {
        incidents.autoResolve(elderId, kind, now).ifPresent(id -> {
            incidents.addAction(id, now, "AUTO_RESOLVED", json.of(json.object().put("reason", reason)));
            metrics.incidentAutoResolved(kind);
        });
    }

    private void opened(long alertId, IncidentDraft draft, String actionDetail) {
        incidents.addAction(alertId, draft.now(), "OPENED", actionDetail);
        metrics.incidentOpened(draft.kind());
        escalator.start(alertId, draft.now());
    }
}
