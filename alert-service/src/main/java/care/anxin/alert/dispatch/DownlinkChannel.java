package care.anxin.alert.dispatch;

import care.anxin.alert.incident.JsonText;
import care.anxin.store.alerting.NotificationRepository;
import care.anxin.store.alerting.OutboundNotification;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The elder's handset: queues an ALERT_ACK device_command (the gateway holding the connection
 * publishes it at QoS 1). Idempotent: one command per notification key, whatever the retries.
 */
public class DownlinkChannel implements NotificationChannel {

    private static final Duration EXPIRES_AFTER = Duration.ofHours(1);

    private final NotificationRepository notifications;
    private final JsonText json;
    private final Clock clock;

    public DownlinkChannel(NotificationRepository notifications, JsonText json, Clock clock) {
        this.notifications = notifications;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "DOWNLINK";
    }

    @Override
    public DeliveryResult deliver(OutboundNotification n) {
        ObjectNode payload = (ObjectNode) json.read(n.payload());
        payload.remove("kind");
        payload.put("notificationKey", n.idempotencyKey());
        Instant now = clock.instant();
        try {
            notifications.queueDeviceCommand(n.recipient(), "ALERT_ACK", json.of(payload), n.alertId(), now, now.plus(EXPIRES_AFTER));
            return DeliveryResult.ok(null);
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            return DeliveryResult.permanent(null, "cannot queue command for device " + n.recipient() + ": " + e.getMostSpecificCause().getMessage());
        } catch (org.springframework.dao.DataAccessException e) {
            return DeliveryResult.retry(null, "database: " + e.getMostSpecificCause().getMessage());
        }
    }
}
