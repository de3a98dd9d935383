package care.anxin.alert.fhir;

import care.anxin.alert.dispatch.DeliveryResult;
import care.anxin.alert.dispatch.HttpJsonPoster;
import care.anxin.alert.dispatch.NotificationChannel;
import care.anxin.alert.dispatch.SignedDelivery;
import care.anxin.alert.dispatch.WebhookSecrets;
import care.anxin.store.alerting.OutboundNotification;
import care.anxin.store.webhook.WebhookTargetGuard;
import java.time.Clock;
import java.util.Map;

/**
 * FHIR endpoints of medical partners: POSTs the stored transaction Bundle to the partner's FHIR
 * base URL (a FHIR server takes a transaction at its base). Signed and keyed like webhooks; the
 * Bundle's conditional creates make a repeated delivery harmless even to a server that ignores
 * the Idempotency-Key. A 4xx other than 408/425/429 (the server refused the Bundle) is final. The
 * target passes the same guard as webhooks right before sending (no internal addresses).
 */
public class FhirChannel implements NotificationChannel {

    public static final String CONTENT_TYPE = "application/fhir+json; charset=utf-8";

    private final SignedDelivery delivery;

    public FhirChannel(HttpJsonPoster http, Clock clock, WebhookTargetGuard guard, WebhookSecrets secrets) {
        this.delivery = new SignedDelivery(http, clock, guard, secrets);
    }

    @Override
    public String name() {
        return "FHIR";
    }

    @Override
    public DeliveryResult deliver(OutboundNotification n) {
        String base = n.endpointUrl() != null ? n.endpointUrl() : n.recipient();
        String url = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return delivery.post(n, url, CONTENT_TYPE, Map.of("Accept", "application/fhir+json"));
    }
}
