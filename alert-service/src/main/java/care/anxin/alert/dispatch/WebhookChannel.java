package care.anxin.alert.dispatch;

import care.anxin.store.alerting.OutboundNotification;
import care.anxin.store.webhook.WebhookTargetGuard;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Webhooks to care centers, help centers, medical partners and family contacts: the stored JSON
 * body, signed (WebhookSigner) with the endpoint's active secrets, with the outbox idempotency key
 * as the delivery id so receivers can drop repeats (a retry after a lost response carries the same
 * id and body). The target is checked again right before sending (WebhookTargetGuard): an address
 * that became internal since the endpoint was saved (DNS rebinding) is never contacted.
 */
public class WebhookChannel implements NotificationChannel {

    private final HttpJsonPoster http;
    private final Clock clock;
    private final WebhookTargetGuard guard;
    private final WebhookSecrets secrets;

    public WebhookChannel(HttpJsonPoster http, Clock clock, WebhookTargetGuard guard, WebhookSecrets secrets) {
        this.http = http;
        this.clock = clock;
        this.guard = guard;
        this.secrets = secrets;
    }

    @Override
    public String name() {
        return "WEBHOOK";
    }

    @Override
    public DeliveryResult deliver(OutboundNotification n) {
        String url = n.endpointUrl() != null ? n.endpointUrl() : n.recipient();
        Optional<String> refused = guard.refusal(url);
        if (refused.isPresent()) {
            return DeliveryResult.permanent(null, "target refused: " + refused.get());
        }
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Idempotency-Key", n.idempotencyKey());
        headers.put("X-Anxin-Webhook-Id", n.idempotencyKey());
        headers.put("X-Anxin-Timestamp", Long.toString(timestamp));
        List<String> active = secrets.signingSecrets(n.endpointId());
        if (!active.isEmpty()) {
            headers.put("X-Anxin-Signature", WebhookSigner.header(active, timestamp, n.idempotencyKey(), n.payload()));
        }
        return http.post(url, n.payload(), headers);
    }
}
