package care.anxin.alert.dispatch;

import care.anxin.alert.incident.JsonText;
import care.anxin.store.alerting.OutboundNotification;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import care.anxin.store.webhook.WebhookTargetGuard;

/**
 * SMS through an HTTP gateway: POST JSON {phone, text} to the endpoint's URL, or to the configured
 * gateway (anxin.alert.sms.gateway-url) for family contacts. The idempotency key travels as a header.
 */
public class SmsGatewayChannel implements NotificationChannel {

    private final HttpJsonPoster http;
    private final URI gatewayUrl;
    private final JsonText json;
    private final WebhookTargetGuard guard;

    /** @param guard checks URLs admins configured on endpoints (the operator's gateway-url is trusted) */
    public SmsGatewayChannel(HttpJsonPoster http, URI gatewayUrl, JsonText json, WebhookTargetGuard guard) {
        this.http = http;
        this.gatewayUrl = gatewayUrl;
        this.json = json;
        this.guard = guard;
    }

    @Override
    public String name() {
        return "SMS";
    }

    @Override
    public DeliveryResult deliver(OutboundNotification n) {
        String url = n.endpointUrl() != null ? n.endpointUrl() : gatewayUrl != null ? gatewayUrl.toString() : null;
        if (url == null) {
            return DeliveryResult.permanent(null, "no SMS gateway configured (anxin.alert.sms.gateway-url)");
        }
        if (n.endpointUrl() != null) {
            Optional<String> refused = guard.refusal(n.endpointUrl());
            if (refused.isPresent()) {
                return DeliveryResult.permanent(null, "target refused: " + refused.get());
            }
        }
        JsonNode payload = json.read(n.payload());
        String body = json.of(json.object().put("phone", n.recipient()).put("text", payload.path("text").asText("")));
        return http.post(url, body, Map.of("Idempotency-Key", n.idempotencyKey()));
    }
}
