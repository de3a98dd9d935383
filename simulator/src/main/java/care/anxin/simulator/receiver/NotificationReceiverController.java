package care.anxin.simulator.receiver;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stands in for the demo's outside world: the medical partner's webhook (signature checked, a
 * forged call gets 401 so the platform sees a failed delivery) and the SMS gateway that texts
 * family contacts.
 */
@RestController
public class NotificationReceiverController {

    private static final Logger log = LoggerFactory.getLogger(NotificationReceiverController.class);

    private final WebhookSecrets secrets;
    private final ReceivedNotifications received;
    private final WebhookSignature signatures = new WebhookSignature();

    public NotificationReceiverController(WebhookSecrets secrets, ReceivedNotifications received) {
        this.secrets = secrets;
        this.received = received;
    }

    /** A partner's receiver: verifies the signature, the timestamp and that the delivery is no replay. */
    @PostMapping("/webhook")
    public ResponseEntity<Map<String, Object>> webhook(@RequestBody(required = false) byte[] body,
                                                       @RequestHeader(value = "X-Anxin-Timestamp", required = false) String timestamp,
                                                       @RequestHeader(value = "X-Anxin-Webhook-Id", required = false) String webhookId,
                                                       @RequestHeader(value = "X-Anxin-Signature", required = false) String signature) {
        byte[] bytes = body == null ? new byte[0] : body;
        WebhookSignature.Verdict verdict = signatures.verify(secrets.all(), timestamp, webhookId, bytes, signature,
                Instant.now());
        boolean valid = verdict == WebhookSignature.Verdict.VALID;
        String text = new String(bytes, StandardCharsets.UTF_8);
        received.add(new ReceivedNotifications.Received(Instant.now(), "WEBHOOK", valid, text));
        if (!valid) {
            log.warn("WEBHOOK {} rejected: {} (timestamp={})", webhookId, verdict, timestamp);
            return ResponseEntity.status(401).body(Map.of("error", verdict.name()));
        }
        log.info("WEBHOOK {} received (signature ok): {}", webhookId, abbreviate(text));
        return ResponseEntity.ok(Map.of("received", true));
    }

    /** The SMS gateway is the operator's own service; requests are not signed. */
    @PostMapping("/sms")
    public ResponseEntity<Map<String, Object>> sms(@RequestBody(required = false) byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        String text = new String(bytes, StandardCharsets.UTF_8);
        received.add(new ReceivedNotifications.Received(Instant.now(), "SMS", true, text));
        log.info("SMS gateway would text: {}", abbreviate(text));
        return ResponseEntity.ok(Map.of("queued", true));
    }

    @GetMapping("/received")
    public Map<String, Object> summary() {
        return Map.of("webhooks", received.webhooks(), "sms", received.sms(), "rejected", received.rejected(),
                "recent", received.recent().stream().skip(Math.max(0, received.recent().size() - 20)).toList());
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
