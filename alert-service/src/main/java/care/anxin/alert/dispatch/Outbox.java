package care.anxin.alert.dispatch;

import care.anxin.alert.fhir.FhirIncidentPayload;
import care.anxin.alert.incident.IncidentTexts;
import care.anxin.domain.event.CommandPayload;
import care.anxin.domain.event.ContractJson;
import care.anxin.alert.incident.JsonText;
import care.anxin.store.alerting.AlertSnapshot;
import care.anxin.store.alerting.NotificationRepository;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Writes notifications into the outbox inside the caller's transaction (so an incident and its
 * notifications commit together) and wakes the dispatcher after the commit. Payloads are
 * snapshots: a retry sends the same body.
 */
public class Outbox {

    private final NotificationRepository notifications;
    private final JsonText json;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final FhirIncidentPayload fhir;

    public Outbox(NotificationRepository notifications, JsonText json, Clock clock, ApplicationEventPublisher events) {
        this(notifications, json, clock, events, null);
    }

    public Outbox(NotificationRepository notifications, JsonText json, Clock clock, ApplicationEventPublisher events,
                  FhirIncidentPayload fhir) {
        this.notifications = notifications;
        this.json = json;
        this.clock = clock;
        this.events = events;
        this.fhir = fhir;
    }

    /** A webhook body or SMS text about the incident; true when queued (false: the key existed). */
    public boolean alertNotification(AlertSnapshot alert, String channel, Long endpointId, String address, String key,
                                     int step, int reminder, String target) {
        String payload = channel.equals("FHIR") && fhir != null ? fhir.bundle(alert)
                : channel.equals("SMS") ? smsPayload(alert, address, reminder) : webhookPayload(alert, key, step, reminder, target);
        return queue(alert.id(), channel, endpointId, address, key, payload);
    }

    /** An ALERT_ACK command for a handset (the outbox row's payload is the command's, without its key yet). */
    public boolean handsetCommand(long alertId, IncidentTexts.HandsetText text, String deviceId, String key) {
        CommandPayload payload = new CommandPayload(alertId, text.text(), text.textEn(), null, null, null);
        return queue(alertId, "DOWNLINK", null, deviceId, key, ContractJson.write(payload));
    }

    private boolean queue(long alertId, String channel, Long endpointId, String address, String key, String payload) {
        boolean queued = notifications.enqueue(alertId, channel, endpointId, address, key, payload, clock.instant());
        if (queued) {
            events.publishEvent(new OutboxQueued(1));
        }
        return queued;
    }

    private String webhookPayload(AlertSnapshot a, String key, int step, int reminder, String target) {
        ObjectNode body = json.object();
        body.put("type", reminder == 0 ? "alert.escalation" : "alert.reminder");
        body.put("idempotencyKey", key);
        body.put("step", step);
        body.put("reminder", reminder);
        body.put("target", target);
        body.put("createdAt", Instant.now(clock).toString());
        ObjectNode alert = body.putObject("alert");
        alert.put("id", a.id()).put("kind", a.kind().name()).put("severity", a.severity().name()).put("status", a.status().name())
                .put("title", a.title()).put("eventCount", a.eventCount()).put("openedAt", a.openedAt().toString())
                .put("lastEventAt", a.lastEventAt().toString());
        if (a.lat() != null && a.lon() != null) {
            alert.putObject("location").put("lat", a.lat()).put("lon", a.lon());
        }
        alert.set("detail", json.read(a.detail()));
        body.putObject("elder").put("id", a.elderId()).put("name", a.elderName()).put("phone", a.elderPhone())
                .put("address", a.elderAddress());
        body.putObject("organization").put("id", a.organizationId()).put("name", a.organizationName())
                .put("phone", a.organizationPhone());
        return json.of(body);
    }

    private String smsPayload(AlertSnapshot a, String phone, int reminder) {
        String text = "【安心】" + (reminder > 0 ? "提醒：" : "") + IncidentTexts.label(a.kind()) + "：" + a.elderName()
                + (a.elderAddress() != null ? "，" + a.elderAddress() : "")
                + (a.elderPhone() != null ? "，电话 " + a.elderPhone() : "")
                + "。" + a.organizationName() + "已接警，事件编号 " + a.id() + "。";
        return json.of(json.object().put("phone", phone).put("text", text).put("alertId", a.id()));
    }
}
