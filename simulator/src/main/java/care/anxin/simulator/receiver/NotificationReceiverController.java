package care.anxin.simulator.receiver;

import care.anxin.simulator.config.SimulatorProperties;
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

    private final SimulatorProperties properties;
    private final ReceivedNotifications received;

    public NotificationReceiverController(SimulatorProperties properties, ReceivedNotifications received) {
        this.properties = properties;
        this.received = received;
    }

    @PostMapping("/webhook")
    public ResponseEntity<Map<String, Object>> webhook(@RequestBody(required = false) byte[] body,
                                                       @RequestHeader(value = "X-Anxin-Timestamp", required = false) String timestamp,
                                                       @RequestHeader(value = "X-Anxin-Signature", required = false) String signature) {
        byte[] bytes = body == null ? new byte[0] : body;
        boolean valid = WebhookSignature.verify(properties.webhookSecret(), timestamp, bytes, signature);
        String text = new String(bytes, StandardCharsets.UTF_8);
        received.add(new ReceivedNotifications.Received(Instant.now(), "WEBHOOK", valid, text));
        if (!valid) {
            log.warn("WEBHOOK rejected: bad or missing signature (timestamp={}, signature={})", timestamp, signature);
            return ResponseEntity.status(401).body(Map.of("error", "invalid signature"));
        }
        log.info("WEBHOOK received (signature ok): {}", abbreviate(text));
        return ResponseEntity.ok(Map.of("received", true));
    }

    @PostMapping("/sms")
    public ResponseEntity<Map<String, Object>> sms(@RequestBody(required = false) byte[] body,
                                                   @RequestHeader(value = "X-Anxin-Timestamp", required = false) String timestamp,
                                                   @RequestHeader(value = "X-Anxin-Signature", required = false) String signature) {
        byte[] bytes = body == null ? new byte[0] : body;
        boolean signed = signature != null && WebhookSignature.verify(properties.webhookSecret(), timestamp, bytes, signature);
        String text = new String(bytes, StandardCharsets.UTF_8);
        received.add(new ReceivedNotifications.Received(Instant.now(), "SMS", signature == null || signed, text));
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
