package care.anxin.alert.dispatch;

import care.anxin.domain.event.CommandPayload;
import care.anxin.domain.event.ContractJson;
import care.anxin.domain.wire.CommandType;
import care.anxin.store.alerting.NotificationRepository;
import care.anxin.store.alerting.OutboundNotification;
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
    private final Clock clock;

    public DownlinkChannel(NotificationRepository notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "DOWNLINK";
    }

    @Override
    public DeliveryResult deliver(OutboundNotification n) {
        CommandPayload queued;
        try {
            queued = ContractJson.read(CommandPayload.class, n.payload());
        } catch (IllegalArgumentException e) {
            return DeliveryResult.permanent(null, e.getMessage());
        }
        CommandPayload command = new CommandPayload(queued.alertId(), queued.text(), queued.textEn(), n.idempotencyKey(),
                null, null);
        Instant now = clock.instant();
        try {
            notifications.queueDeviceCommand(n.recipient(), CommandType.ALERT_ACK.name(), ContractJson.write(command),
                    n.alertId(), now, now.plus(EXPIRES_AFTER));
            return DeliveryResult.ok(null);
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            return DeliveryResult.permanent(null, "cannot queue command for device " + n.recipient() + ": " + e.getMostSpecificCause().getMessage());
        } catch (org.springframework.dao.DataAccessException e) {
            return DeliveryResult.retry(null, "database: " + e.getMostSpecificCause().getMessage());
        }
    }
}
