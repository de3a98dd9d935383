package care.anxin.alert.dispatch;

import care.anxin.store.alerting.OutboundNotification;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Webhooks to care centers, help centers and medical partners: the stored JSON body, signed with
 * the endpoint's secret (WebhookSigner), with the outbox idempotency key so receivers can drop
 * repeats (a retry after a lost response carries the same key and body).
 */
public class WebhookChannel implements NotificationChannel {

    private final HttpJsonPoster http;
    private final Clock clock;

    public WebhookChannel(HttpJsonPoster http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "WEBHOOK";
    }

    @Override
    public DeliveryResult deliver(OutboundNotification n) {
        String url = n.endpointUrl() != null ? n.endpointUrl() : n.recipient();
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Idempotency-Key", n.idempotencyKey());
        headers.put("X-Anxin-Timestamp", Long.toString(timestamp));
        if (n.endpointSecret() != null && !n.endpointSecret().isEmpty()) {
            headers.put("X-Anxin-Signature", WebhookSigner.sign(n.endpointSecret(), timestamp, n.payload()));
        }
        return http.post(url, n.payload(), headers);
    }
}
