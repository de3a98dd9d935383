package care.anxin.alert.fhir;

import care.anxin.alert.dispatch.DeliveryResult;
import care.anxin.alert.dispatch.HttpJsonPoster;
import care.anxin.alert.dispatch.NotificationChannel;
import care.anxin.alert.dispatch.WebhookSecrets;
import care.anxin.alert.dispatch.WebhookSigner;
import care.anxin.store.alerting.OutboundNotification;
import care.anxin.store.webhook.WebhookTargetGuard;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * FHIR endpoints of medical partners: POSTs the stored transaction Bundle to the partner's FHIR
 * base URL (a FHIR server takes a transaction at its base). Signed and keyed like webhooks; the
 * Bundle's conditional creates make a repeated delivery harmless even to a server that ignores
 * the Idempotency-Key. A 4xx other than 408/425/429 (the server refused the Bundle) is final. The
 * target passes the same guard as webhooks right before sending (no internal addresses).
 */
public class FhirChannel implements NotificationChannel {

    public static final String CONTENT_TYPE = "application/fhir+json; charset=utf-8";

    private final HttpJsonPoster http;
    private final Clock clock;
    private final WebhookTargetGuard guard;
    private final WebhookSecrets secrets;

    public FhirChannel(HttpJsonPoster http, Clock clock, WebhookTargetGuard guard, WebhookSecrets secrets) {
        this.http = http;
        this.clock = clock;
        this.guard = guard;
        this.secrets = secrets;
    }

    @Override
    public String name() {
        return "FHIR";
    }

    @Override
    public DeliveryResult deliver(OutboundNotification n) {
        String base = n.endpointUrl() != null ? n.endpointUrl() : n.recipient();
        Optional<String> refused = guard.refusal(base);
        if (refused.isPresent()) {
            return DeliveryResult.permanent(null, "target refused: " + refused.get());
        }
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/fhir+json");
        headers.put("Idempotency-Key", n.idempotencyKey());
        headers.put("X-Anxin-Webhook-Id", n.idempotencyKey());
        headers.put("X-Anxin-Timestamp", Long.toString(timestamp));
        List<String> active = secrets.signingSecrets(n.endpointId());
        if (!active.isEmpty()) {
            headers.put("X-Anxin-Signature", WebhookSigner.header(active, timestamp, n.idempotencyKey(), n.payload()));
        }
        return http.post(base.endsWith("/") ? base.substring(0, base.length() - 1) : base, n.payload(), CONTENT_TYPE,
                headers);
    }
}
