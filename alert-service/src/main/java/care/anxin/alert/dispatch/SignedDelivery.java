package care.anxin.alert.dispatch;

import care.anxin.store.alerting.OutboundNotification;
import care.anxin.store.webhook.WebhookTargetGuard;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One signed POST of a notification's stored payload to a partner URL, shared by the channels that
 * talk to partners' servers (webhooks, FHIR). The target is checked again right before sending
 * (WebhookTargetGuard): an address that became internal since the endpoint was saved (DNS
 * rebinding) is never contacted. The outbox idempotency key is the delivery id, so receivers can
 * drop repeats (a retry after a lost response carries the same id and body); the signature
 * (WebhookSigner) covers timestamp, id and body with every active secret of the endpoint.
 */
public class SignedDelivery {

    private final HttpJsonPoster http;
    private final Clock clock;
    private final WebhookTargetGuard guard;
    private final WebhookSecrets secrets;

    public SignedDelivery(HttpJsonPoster http, Clock clock, WebhookTargetGuard guard, WebhookSecrets secrets) {
        this.http = http;
        this.clock = clock;
        this.guard = guard;
        this.secrets = secrets;
    }

    /** POSTs {@code n}'s payload to {@code url} as {@code contentType}, with {@code extraHeaders} added. */
    public DeliveryResult post(OutboundNotification n, String url, String contentType, Map<String, String> extraHeaders) {
        Optional<String> refused = guard.refusal(url);
        if (refused.isPresent()) {
            return DeliveryResult.permanent(null, "target refused: " + refused.get());
        }
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Idempotency-Key", n.idempotencyKey());
        headers.put("X-Anxin-Webhook-Id", n.idempotencyKey());
        headers.put("X-Anxin-Timestamp", Long.toString(timestamp));
        List<String> active = secrets.signingSecrets(n.endpointId());
        if (!active.isEmpty()) {
            headers.put("X-Anxin-Signature", WebhookSigner.header(active, timestamp, n.idempotencyKey(), n.payload()));
        }
        return http.post(url, n.payload(), contentType, headers);
    }
}
