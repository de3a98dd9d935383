package care.anxin.alert.consume;

import care.anxin.alert.incident.IncidentTexts;
import care.anxin.alert.incident.IncidentWriter;
import care.anxin.alert.incident.JsonText;
import care.anxin.store.alerting.DeviceEventRow;
import care.anxin.store.alerting.ElderRef;
import care.anxin.store.alerting.IncidentDraft;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Set;

/**
 * The rule for each device_event kind. Runs inside the claiming transaction; returns what happened
 * ("processed" or "ignored") for the metrics.
 */
public class EventHandler {

    /** The gateway's clockFlags bit for a device time more than 30 days old (docs/protocol.md). */
    private static final int CLOCK_FAR_PAST = 2;

    /** Kinds that open nothing by themselves: the condition rules read the device state they leave. */
    private static final Set<String> OBSERVED_ONLY = Set.of("WEAR_OFF", "POWER_OFF", "DEVICE_OFFLINE");

    private final UrgentEvents urgent;
    private final IncidentWriter writer;
    private final JsonText json;

    public EventHandler(UrgentEvents urgent, IncidentWriter writer, JsonText json) {
        this.urgent = urgent;
        this.writer = writer;
        this.json = json;
    }

    public String handle(DeviceEventRow e, ElderRef elder, Instant now) {
        // A month-old SOS replayed by a device with a broken clock is history, not an emergency.
        if ((json.read(e.payload()).path("clockFlags").asInt(0) & CLOCK_FAR_PAST) != 0) {
            return "stale";
        }
        switch (e.kind()) {
            case "SOS" -> urgent.sos(e, elder, now);
            case "FALL" -> urgent.fall(e, elder, now);
            case "FALL_CANCELLED" -> urgent.cancel(e, elder, now);
            case "VITAL_ABNORMAL" -> {
                return vital(e, elder, now);
            }
            case "LOW_BATTERY" -> {
                JsonNode p = json.read(e.payload());
                ObjectNode detail = json.object().put("deviceId", e.deviceId());
                if (p.hasNonNull("battery")) {
                    detail.put("battery", p.get("battery").asInt());
                }
                writer.record(draft(e, elder, "LOW_BATTERY", "LOW", detail, now), eventDetail(e));
            }
            case "DEVICE_ONLINE" -> writer.autoResolve(elder.id(), "DEVICE_OFFLINE", now, "device " + e.deviceId() + " back online");
            default -> {
                return OBSERVED_ONLY.contains(e.kind()) ? "processed" : "ignored";
            }
        }
        return "processed";
    }

    /** VITAL_ABNORMAL -> VITAL_<code>: HIGH for a critical classification, MEDIUM otherwise. */
    private String vital(DeviceEventRow e, ElderRef elder, Instant now) {
        JsonNode p = json.read(e.payload());
        String code = p.path("code").asText("");
        if (!code.matches("[A-Z0-9]{1,16}")) {
            return "ignored";
        }
        String classification = p.path("classification").asText("");
        String severity = classification.startsWith("CRITICAL") ? "HIGH" : "MEDIUM";
        ObjectNode detail = json.object();
        detail.set("lastReading", p);
        writer.record(draft(e, elder, "VITAL_" + code, severity, detail, now), eventDetail(e));
        return "processed";
    }

    private IncidentDraft draft(DeviceEventRow e, ElderRef elder, String kind, String severity, ObjectNode detail, Instant now) {
        return new IncidentDraft(elder.id(), elder.organizationId(), e.deviceId(), kind, severity,
                IncidentTexts.title(kind, elder.name()), json.of(detail), e.occurredAt(), now, null, null);
    }

    private String eventDetail(DeviceEventRow e) {
        return json.of(json.object().put("eventId", e.id()).put("deviceId", e.deviceId()).put("payload", e.payload()));
    }
}
