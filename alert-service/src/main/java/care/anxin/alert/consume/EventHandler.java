package care.anxin.alert.consume;

import care.anxin.alert.incident.IncidentTexts;
import care.anxin.alert.incident.IncidentWriter;
import care.anxin.alert.incident.JsonText;
import care.anxin.domain.event.AbnormalReading;
import care.anxin.domain.event.DeviceReport;
import care.anxin.domain.incident.IncidentKind;
import care.anxin.domain.incident.Severity;
import care.anxin.store.alerting.DeviceEventRow;
import care.anxin.store.alerting.ElderRef;
import care.anxin.store.alerting.IncidentDraft;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The rule for each device_event kind. Runs inside the claiming transaction; returns what happened
 * ("processed", "ignored" or "stale") for the metrics.
 */
public class EventHandler {

    private final UrgentEvents urgent;
    private final IncidentWriter writer;
    private final JsonText json;

    public EventHandler(UrgentEvents urgent, IncidentWriter writer, JsonText json) {
        this.urgent = urgent;
        this.writer = writer;
        this.json = json;
    }

    public String handle(DeviceEventRow e, ElderRef elder, Instant now) {
        return handle(e, elder, now, 1);
    }

    /** events: how many events this one stands for (abnormal vitals coalesced into it, itself included). */
    public String handle(DeviceEventRow e, ElderRef elder, Instant now, int events) {
        if (e.kind() == null) {
            return "ignored";
        }
        // A month-old battery or wear event replayed by a device is history, not an emergency. SOS and
        // falls are never dropped for their clock (the gateway places them at the receive time).
        if (!e.kind().urgent() && e.payload() instanceof DeviceReport r && r.stale()) {
            return "stale";
        }
        switch (e.kind()) {
            case SOS -> urgent.sos(e, elder, now);
            case FALL -> urgent.fall(e, elder, now);
            case FALL_CANCELLED -> urgent.cancel(e, elder, now);
            case VITAL_ABNORMAL -> vital(e, (AbnormalReading) e.payload(), elder, now, events);
            case LOW_BATTERY -> {
                ObjectNode detail = json.object().put("deviceId", e.deviceId());
                DeviceReport r = e.report();
                if (r.battery() != null) {
                    detail.put("battery", r.battery());
                }
                writer.record(draft(e, elder, IncidentKind.LOW_BATTERY, Severity.LOW, detail, now), eventDetail(e));
            }
            case DEVICE_ONLINE -> writer.autoResolve(elder.id(), IncidentKind.DEVICE_OFFLINE, now,
                    "device " + e.deviceId() + " back online");
            // Open nothing by themselves: the condition rules read the device state they leave (a watch's
            // own fence is set in its vendor's app; the home-fence rule judges the stored positions).
            case WEAR_OFF, POWER_OFF, DEVICE_OFFLINE, GEOFENCE_EXIT -> {
            }
        }
        return "processed";
    }

    /** VITAL_ABNORMAL -> VITAL_<code>: HIGH for a critical classification, MEDIUM otherwise. */
    private void vital(DeviceEventRow e, AbnormalReading reading, ElderRef elder, Instant now, int events) {
        if (reading.code() == null || reading.classification() == null) {
            throw new IllegalArgumentException("VITAL_ABNORMAL payload without code or classification");
        }
        Severity severity = reading.classification().critical() ? Severity.HIGH : Severity.MEDIUM;
        ObjectNode detail = json.object();
        detail.set("lastReading", json.read(e.payloadJson()));
        ObjectNode action = (ObjectNode) json.read(eventDetail(e));
        if (events > 1) {
            action.put("coalesced", events);
        }
        writer.record(draft(e, elder, IncidentKind.vital(reading.code()), severity, detail, now), json.of(action), events);
    }

    private IncidentDraft draft(DeviceEventRow e, ElderRef elder, IncidentKind kind, Severity severity, ObjectNode detail,
                                Instant now) {
        return new IncidentDraft(elder.id(), elder.organizationId(), e.deviceId(), kind, severity,
                IncidentTexts.title(kind, elder.name()), json.of(detail), e.occurredAt(), now, null, null);
    }

    private String eventDetail(DeviceEventRow e) {
        ObjectNode detail = json.object().put("eventId", e.id()).put("deviceId", e.deviceId());
        detail.set("payload", json.read(e.payloadJson()));
        return json.of(detail);
    }
}
