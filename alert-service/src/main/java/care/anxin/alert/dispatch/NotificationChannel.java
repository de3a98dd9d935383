package care.anxin.alert.dispatch;

import care.anxin.store.alerting.OutboundNotification;

/**
 * A way out of the outbox (webhook, SMS gateway, handset downlink; a voice provider plugs in the
 * same way). deliver is called outside any transaction and must not throw for delivery problems:
 * it reports them in the result. Implementations must be idempotent per idempotency key.
 */
public interface NotificationChannel {

    /** The notification.channel value this channel sends (WEBHOOK, SMS, DOWNLINK, ...). */
    String name();

    DeliveryResult deliver(OutboundNotification notification);
}
