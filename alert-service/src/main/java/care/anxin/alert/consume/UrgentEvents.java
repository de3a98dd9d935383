package care.anxin.alert.consume;

import care.anxin.alert.config.AlertProperties;
import care.anxin.alert.dispatch.Outbox;
import care.anxin.alert.incident.AlertMetrics;
import care.anxin.alert.incident.IncidentTexts;
import care.anxin.alert.incident.IncidentWriter;
import care.anxin.alert.incident.JsonText;
import care.anxin.domain.event.DeviceEventKind;
import care.anxin.domain.event.DeviceReport;
import care.anxin.domain.incident.IncidentKind;
import care.anxin.domain.incident.IncidentStatus;
import care.anxin.domain.incident.Severity;
import care.anxin.store.alerting.DeviceEventRow;
import care.anxin.store.alerting.DirectoryRepository;
import care.anxin.store.alerting.ElderRef;
import care.anxin.store.alerting.EventQueueRepository;
import care.anxin.store.alerting.Hold;
import care.anxin.store.alerting.HoldRepository;
import care.anxin.store.alerting.HoldStatus;
import care.anxin.store.alerting.IncidentDraft;
import care.anxin.store.alerting.IncidentRepository;
import care.anxin.store.alerting.OpenIncident;
import care.anxin.store.alerting.Upserted;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SOS, FALL and FALL_CANCELLED (docs/alerting.md "Falls and SOS"):
 * <ul>
 * <li>SOS opens a critical incident at once and queues an ALERT_ACK to the elder's handset.</li>
 * <li>FALL is held for the cancel window (alert_hold) before anyone is paged; FALL_CANCELLED
 * within the window closes it as a CANCELLED incident (logged, never paged).</li>
 * <li>Correlation: a FALL and an SOS of the same elder within the correlation window are one
 * incident: the later event is counted into the earlier one's incident (an SOS during a held fall
 * releases the fall at once).</li>
 * </ul>
 */
public class UrgentEvents {

    private static final Logger log = LoggerFactory.getLogger(UrgentEvents.class);

    private final IncidentWriter writer;
    private final IncidentRepository incidents;
    private final HoldRepository holds;
    private final EventQueueRepository queue;
    private final DirectoryRepository directory;
    private final Outbox outbox;
    private final JsonText json;
    private final AlertMetrics metrics;
    private final AlertProperties.Fall settings;

    public UrgentEvents(IncidentWriter writer, IncidentRepository incidents, HoldRepository holds,
                        EventQueueRepository queue, DirectoryRepository directory, Outbox outbox, JsonText json,
                        AlertMetrics metrics, AlertProperties.Fall settings) {
        this.writer = writer;
        this.incidents = incidents;
        this.holds = holds;
        this.queue = queue;
        this.directory = directory;
        this.outbox = outbox;
        this.json = json;
        this.metrics = metrics;
        this.settings = settings;
    }

    public void sos(DeviceEventRow e, ElderRef elder, Instant now) {
        Optional<OpenIncident> fall = incidents.lockOpen(elder.id(), IncidentKind.FALL).filter(f -> correlates(f.lastEventAt(), e));
        if (fall.isPresent()) {
            correlate(fall.get().id(), e, now);
            pressedAgain(fall.get(), e, now);
            clockNotes(fall.get().id(), e.report(), e.occurredAt(), e.receivedAt(), now);
            ack(fall.get().id(), IncidentKind.SOS, e, now);
            return;
        }
        Optional<Hold> held = holds.lockHeld(elder.id(), IncidentKind.FALL).filter(h -> correlates(h.occurredAt(), e));
        if (held.isPresent()) {
            long alertId = release(held.get(), now, "SOS");
            correlate(alertId, e, now);
            clockNotes(alertId, e.report(), e.occurredAt(), e.receivedAt(), now);
            ack(alertId, IncidentKind.SOS, e, now);
            return;
        }
        // Locked first: an acknowledgement arriving meanwhile waits, so a press is never lost between the two.
        Optional<OpenIncident> open = incidents.lockOpen(elder.id(), IncidentKind.SOS);
        Upserted u = writer.record(draft(IncidentKind.SOS, elder, e, now), eventDetail(e));
        open.ifPresent(o -> pressedAgain(o, e, now));
        clockNotes(u.id(), e.report(), e.occurredAt(), e.receivedAt(), now);
        ack(u.id(), IncidentKind.SOS, e, now);
    }

    /** An SOS pressed on an acknowledged incident: back to OPEN, escalation restarted, the board alarms again. */
    private void pressedAgain(OpenIncident incident, DeviceEventRow e, Instant now) {
        if (incident.status() == IncidentStatus.ACKNOWLEDGED) {
            writer.reopenAfterAck(incident.id(), now, json.of(json.object().put("eventId", e.id()).put("kind", e.kindName())
                    .put("deviceId", e.deviceId())));
            log.warn("Elder {} pressed SOS again after incident {} was acknowledged: back to OPEN, escalating again",
                    e.elderId(), incident.id());
        }
    }

    /**
     * Device clock notes on the incident: a wrong clock (opened at the receive time; flag on the card
     * and timeline DEVICE_CLOCK_WRONG) or a store-and-forward replay (timeline LATE_REPLAY).
     */
    private void clockNotes(long alertId, DeviceReport report, Instant occurredAt, Instant receivedAt, Instant now) {
        if (report.clockWrong()) {
            incidents.markDeviceClockWrong(alertId, now);
            ObjectNode detail = json.object().put("receivedAt", receivedAt.toString());
            if (report.deviceTime() != null) {
                detail.put("deviceTime", report.deviceTime().toString());
            }
            incidents.addAction(alertId, now, "DEVICE_CLOCK_WRONG", json.of(detail));
        } else if (report.late()) {
            incidents.addAction(alertId, now, "LATE_REPLAY", json.of(json.object().put("deviceTime", occurredAt.toString())
                    .put("receivedAt", receivedAt.toString())
                    .put("lateSeconds", Duration.between(occurredAt, receivedAt).toSeconds())));
        }
    }

    public void fall(DeviceEventRow e, ElderRef elder, Instant now) {
        Optional<OpenIncident> sos = incidents.findOpen(elder.id(), IncidentKind.SOS).filter(s -> correlates(s.lastEventAt(), e));
        if (sos.isPresent()) {
            correlate(sos.get().id(), e, now);
            return;
        }
        if (incidents.findOpen(elder.id(), IncidentKind.FALL).isPresent() || settings.cancelWindow().isZero()) {
            Upserted u = writer.record(draft(IncidentKind.FALL, elder, e, now), eventDetail(e));
            clockNotes(u.id(), e.report(), e.occurredAt(), e.receivedAt(), now);
            if (u.inserted()) {
                ack(u.id(), IncidentKind.FALL, e, now);
            }
            return;
        }
        Instant from = e.receivedAt().isBefore(now) ? e.receivedAt() : now;
        Hold hold = holds.holdOrCount(elder.id(), elder.organizationId(), e.deviceId(), IncidentKind.FALL, e.id(), e.msgId(),
                e.occurredAt(), now, from.plus(settings.cancelWindow()), e.report());
        log.info("Fall of elder {} held until {} for the elder's cancel (event {}, count {})",
                elder.id(), hold.holdUntil(), e.id(), hold.eventCount());
    }

    public void cancel(DeviceEventRow e, ElderRef elder, Instant now) {
        String ref = e.report().refMsgId();
        Optional<Hold> held = holds.lockHeld(elder.id(), IncidentKind.FALL);
        if (held.isPresent()) {
            Hold h = held.get();
            DeviceReport fall = h.report();
            IncidentDraft d = new IncidentDraft(elder.id(), elder.organizationId(), h.deviceId(), IncidentKind.FALL,
                    Severity.CRITICAL, IncidentTexts.title(IncidentKind.FALL, elder.name()), holdDetail(h), h.occurredAt(),
                    now, lat(fall), lon(fall));
            long alertId = incidents.insertClosed(d, IncidentStatus.CANCELLED, "CANCELLED_BY_ELDER", h.eventCount(),
                    h.occurredAt());
            holds.close(h.id(), HoldStatus.CANCELLED, alertId, now);
            incidents.addAction(alertId, h.heldAt(), "HELD", json.of(json.object().put("eventId", h.eventId())
                    .put("holdUntil", h.holdUntil().toString())));
            incidents.addAction(alertId, now, "CANCELLED_BY_ELDER", json.of(json.object().put("eventId", e.id())
                    .put("refMsgId", ref).put("secondsAfterFall", Duration.between(h.occurredAt(), e.occurredAt()).toSeconds())));
            metrics.fallCancelled();
            log.info("Fall of elder {} cancelled by the elder within the window (incident {} logged as CANCELLED)", elder.id(), alertId);
            return;
        }
        if (queue.hasUnprocessedBefore(elder.id(), DeviceEventKind.FALL, e.id())) {
            throw new DeferredEvent("the FALL this cancels is still being processed");
        }
        Optional<OpenIncident> open = incidents.findOpen(elder.id(), IncidentKind.FALL);
        if (open.isPresent()) {
            // Too late to stop the page: staff are told the elder says they are fine, and decide.
            incidents.addAction(open.get().id(), now, "ELDER_REPORTS_OK", json.of(json.object().put("eventId", e.id())
                    .put("refMsgId", ref)));
        } else {
            log.info("FALL_CANCELLED event {} of elder {} matches no fall; nothing to cancel", e.id(), elder.id());
        }
    }

    /** Opens the held fall's incident now (window elapsed, or an SOS arrived). Returns its id. */
    public long release(Hold h, Instant now, String reason) {
        ElderRef elder = directory.elder(h.elderId()).orElseThrow();
        DeviceReport fall = h.report();
        IncidentDraft d = new IncidentDraft(h.elderId(), h.organizationId(), h.deviceId(), IncidentKind.FALL,
                Severity.CRITICAL, IncidentTexts.title(IncidentKind.FALL, elder.name()), holdDetail(h), h.occurredAt(), now,
                lat(fall), lon(fall));
        Upserted u = writer.record(d, json.of(json.object().put("eventId", h.eventId()).put("heldSince", h.heldAt().toString())
                .put("releasedBy", reason)));
        for (int i = 1; i < h.eventCount(); i++) {
            incidents.countInto(u.id(), h.occurredAt(), "{}", now);
        }
        holds.close(h.id(), HoldStatus.RELEASED, u.id(), now);
        clockNotes(u.id(), fall, h.occurredAt(), h.heldAt(), now);
        incidents.addAction(u.id(), h.heldAt(), "HELD", json.of(json.object().put("eventId", h.eventId())
                .put("holdUntil", h.holdUntil().toString())));
        handsetFor(h.elderId(), h.deviceId()).ifPresent(device -> tellHandset(u.id(), "RECEIVED",
                IncidentTexts.received(IncidentKind.FALL), device, "alert:" + u.id() + ":downlink:hold:" + h.id(), now));
        return u.id();
    }

    private boolean correlates(Instant earlier, DeviceEventRow e) {
        return !earlier.isBefore(e.occurredAt().minus(settings.correlationWindow()));
    }

    private void correlate(long alertId, DeviceEventRow e, Instant now) {
        ObjectNode detail = json.object();
        detail.putObject("correlated" + e.kind().name()).put("eventId", e.id()).put("at", e.occurredAt().toString());
        incidents.countInto(alertId, e.occurredAt(), json.of(detail), now);
        incidents.addAction(alertId, now, "CORRELATED", json.of(json.object().put("kind", e.kind().name()).put("eventId", e.id())));
    }

    /** ALERT_ACK at receipt to the handset: one per SOS event (the elder pressed; they want to hear back). */
    private void ack(long alertId, IncidentKind kind, DeviceEventRow e, Instant now) {
        handsetFor(e.elderId(), e.deviceId()).ifPresent(device -> tellHandset(alertId, "RECEIVED",
                IncidentTexts.received(kind), device, "alert:" + alertId + ":downlink:event:" + e.id(), now));
    }

    /**
     * Queues an ALERT_ACK for the handset and puts it on the timeline (HANDSET_ACK with the stage
     * RECEIVED or CONFIRMED, the words, and the key by which the console shows its delivery state).
     */
    public void tellHandset(long alertId, String stage, IncidentTexts.HandsetText text, String deviceId, String key,
                            Instant now) {
        if (outbox.handsetCommand(alertId, text, deviceId, key)) {
            incidents.addAction(alertId, now, "HANDSET_ACK", json.of(json.object().put("stage", stage)
                    .put("text", text.text()).put("textEn", text.textEn()).put("deviceId", deviceId)
                    .put("notificationKey", key)));
        }
    }

    private Optional<String> handsetFor(long elderId, String deviceId) {
        return directory.handset(elderId, deviceId);
    }

    private IncidentDraft draft(IncidentKind kind, ElderRef elder, DeviceEventRow e, Instant now) {
        DeviceReport p = e.report();
        return new IncidentDraft(elder.id(), elder.organizationId(), e.deviceId(), kind, Severity.CRITICAL,
                IncidentTexts.title(kind, elder.name()), json.of(json.object().set("lastEvent", json.read(e.payloadJson()))),
                e.occurredAt(), now, lat(p), lon(p));
    }

    private String eventDetail(DeviceEventRow e) {
        return json.of(json.object().put("eventId", e.id()).put("deviceId", e.deviceId()).put("msgId", e.msgId()));
    }

    private String holdDetail(Hold h) {
        ObjectNode detail = json.object();
        detail.set("lastEvent", json.read(h.payloadJson()));
        detail.put("heldUntil", h.holdUntil().toString());
        return json.of(detail);
    }

    static Double lat(DeviceReport p) {
        return p.hasPosition() ? p.lat() : null;
    }

    static Double lon(DeviceReport p) {
        return p.hasPosition() ? p.lon() : null;
    }
}
