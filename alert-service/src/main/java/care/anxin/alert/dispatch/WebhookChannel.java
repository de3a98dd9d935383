package care.anxin.alert.dispatch;

import care.anxin.store.alerting.OutboundNotification;
import care.anxin.store.webhook.WebhookTargetGuard;
import java.time.Clock;
import java.util.Map;

/**
 * Webhooks to care centers, help centers, medical partners and family contacts: the stored JSON
 * body as a {@link SignedDelivery} (target checked at delivery time, signed, keyed by the outbox
 * idempotency key).
 */
public class WebhookChannel implements NotificationChannel {

    private static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private final SignedDelivery delivery;

    public WebhookChannel(HttpJsonPoster http, Clock clock, WebhookTargetGuard guard, WebhookSecrets secrets) {
        this.delivery = new SignedDelivery(http, clock, guard, secrets);
    }

    @Override
    public String name() {
        return "WEBHOOK";
    }

    @Override
    public DeliveryResult deliver(OutboundNotification n) {
        String url = n.endpointUrl() != null ? n.endpointUrl() : n.recipient();
        return delivery.post(n, url, CONTENT_TYPE, Map.of());
    }
}
