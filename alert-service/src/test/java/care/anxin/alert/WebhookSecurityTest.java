package care.anxin.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import care.anxin.alert.dispatch.WebhookSigner;
import care.anxin.alert.support.AlertHarness;
import care.anxin.alert.support.Fixtures;
import care.anxin.alert.support.TestClock;
import care.anxin.alert.support.WebhookReceiver;
import care.anxin.store.webhook.EndpointSecretCipher;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Delivery-time protection of webhooks: with the default configuration (https only, nothing
 * internal) targets on loopback, link-local (cloud metadata), private addresses, a name resolving
 * to loopback, or plain http are never contacted — the notification is DEAD with the reason and
 * the operators' NOTIFICATION_FAILED incident carries that line only. And signing with encrypted
 * secrets: during a rotation both the new and the previous secret sign.
 */
class WebhookSecurityTest {

    @Test
    void internalAndPlainHttpTargetsAreNeverContactedAtDelivery() {
        TestClock clock = new TestClock();
        try (AlertHarness harness = AlertHarness.start(clock, Map.of(
                "anxin.webhook.allow-http", false, "anxin.webhook.allowed-targets", ""))) {
            Fixtures world = harness.world;
            int port = Integer.parseInt(harness.receiver.url("/").replaceAll(".*:(\\d+)/.*", "$1"));
            List<String> refusedUrls = List.of(
                    "https://127.0.0.1:" + port + "/loopback",
                    "https://169.254.169.254/latest/meta-data/",
                    "https://10.0.0.1/hook",
                    "https://localhost:" + port + "/named-loopback",
                    "http://93.184.216.34/plain-http");
            for (String url : refusedUrls) {
                world.endpoint(world.center, url, url, "s");
            }
            Fixtures.Elder elder = world.elder("赵桂兰");
            world.event(elder.id(), elder.handset(), "SOS", "{}");

            await().atMost(Duration.ofSeconds(15)).until(() -> harness.jdbc.queryForObject("""
                    SELECT count(*) FROM notification n JOIN notification_endpoint e ON e.id = n.endpoint_id
                    WHERE e.name LIKE 'http%' AND n.status = 'DEAD' AND n.alert_id IN (SELECT id FROM alert WHERE kind = 'SOS')
                    """, Integer.class) == refusedUrls.size());
            List<Map<String, Object>> dead = harness.jdbc.queryForList("""
                    SELECT e.url, n.attempts, n.last_error FROM notification n
                    JOIN notification_endpoint e ON e.id = n.endpoint_id
                    WHERE e.name LIKE 'http%' AND n.alert_id IN (SELECT id FROM alert WHERE kind = 'SOS')""");
            for (Map<String, Object> row : dead) {
                assertThat((String) row.get("last_error")).as("%s", row.get("url")).startsWith("target refused: ");
                assertThat(row.get("attempts")).isEqualTo(1);
            }
            assertThat(dead).anySatisfy(r -> assertThat((String) r.get("last_error")).contains("plain http"));
            assertThat(dead).anySatisfy(r -> assertThat((String) r.get("last_error")).contains("169.254.169.254"));
            // Nothing reached the receiver (its own plain-http fixture endpoints are refused too).
            assertThat(harness.receiver.all()).isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> harness.jdbc.queryForObject(
                    "SELECT count(*) FROM alert WHERE kind = 'NOTIFICATION_FAILED'", Integer.class) > 0);
            String detail = harness.jdbc.queryForObject(
                    "SELECT detail->>'error' FROM alert WHERE kind = 'NOTIFICATION_FAILED' LIMIT 1", String.class);
            assertThat(detail).startsWith("target refused: ");
        }
    }

    @Test
    void encryptedSecretsSignAndBothSecretsSignDuringARotation() throws Exception {
        TestClock clock = new TestClock();
        try (AlertHarness harness = AlertHarness.start(clock, Map.of())) {
            Fixtures world = harness.world;
            EndpointSecretCipher cipher = harness.service.getBean(EndpointSecretCipher.class);
            harness.jdbc.update("""
                    UPDATE notification_endpoint SET secret = NULL, secret_enc = ?, previous_secret_enc = ?,
                           previous_until = ? WHERE id = ?""", cipher.encrypt("whsec_new"), cipher.encrypt("whsec_old"),
                    Timestamp.from(clock.instant().plus(Duration.ofHours(1))), world.centerEndpoint);
            Fixtures.Elder elder = world.elder("钱淑英");
            world.event(elder.id(), elder.handset(), "SOS", "{}");

            await().atMost(Duration.ofSeconds(10)).until(() -> !harness.receiver.received("/center").isEmpty());
            WebhookReceiver.Received hook = harness.receiver.received("/center").get(0);
            long timestamp = Long.parseLong(hook.header("X-Anxin-Timestamp"));
            String id = hook.header("X-Anxin-Webhook-Id");
            String signature = hook.header("X-Anxin-Signature");
            assertThat(signature.split(",")).hasSize(2);
            assertThat(WebhookSigner.verify("whsec_new", timestamp, id, hook.body(), signature)).isTrue();
            assertThat(WebhookSigner.verify("whsec_old", timestamp, id, hook.body(), signature)).isTrue();
            assertThat(WebhookSigner.verify("center-secret", timestamp, id, hook.body(), signature)).isFalse();
            assertThat(harness.jdbc.queryForObject("SELECT secret_enc FROM notification_endpoint WHERE id = ?",
                    String.class, world.centerEndpoint)).startsWith("v1:").doesNotContain("whsec_new");
        }
    }
}
