package care.anxin.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import care.anxin.alert.support.AlertHarness;
import care.anxin.alert.support.Fixtures;
import care.anxin.alert.support.TestClock;
import care.anxin.alert.support.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SOS event -> incident -> signed webhook to the care center + ALERT_ACK queued for the handset. */
class SosEndToEndTest {

    static AlertHarness harness;
    static final TestClock clock = new TestClock();
    static final ObjectMapper mapper = new ObjectMapper();

    // Polling every minute: the SOS must be picked up by NOTIFY device_event, not by the poll.
    @BeforeAll
    static void start() {
        harness = AlertHarness.start(clock, Map.of("anxin.alert.events.poll-interval", "60s"));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void sosOpensIncidentSignsWebhookAndQueuesHandsetAck() throws Exception {
        Fixtures.Elder elder = harness.world.elder("张秀英");
        await().pollDelay(Duration.ofMillis(300)).until(() -> true); // let the listener connect
        long eventId = harness.world.event(elder.id(), elder.handset(), "SOS", "{\"lat\":31.2305,\"lon\":121.4736,\"battery\":64}");

        await().atMost(Duration.ofSeconds(10)).until(() -> !harness.receiver.received("/center").isEmpty());
        Map<String, Object> alert = harness.jdbc.queryForMap("SELECT * FROM alert WHERE elder_id = ?", elder.id());
        assertThat(alert.get("kind")).isEqualTo("SOS");
        assertThat(alert.get("severity")).isEqualTo("CRITICAL");
        assertThat(alert.get("status")).isEqualTo("OPEN");
        assertThat(alert.get("event_count")).isEqualTo(1);
        assertThat((String) alert.get("title")).contains("紧急呼叫", "张秀英");
        assertThat(alert.get("lat")).isEqualTo(31.2305);
        assertThat(harness.jdbc.queryForObject("SELECT processed_at IS NOT NULL FROM device_event WHERE id = ?", Boolean.class, eventId)).isTrue();

        WebhookReceiver.Received hook = harness.receiver.received("/center").get(0);
        String timestamp = hook.header("X-Anxin-Timestamp");
        assertThat(hook.header("X-Anxin-Webhook-Id")).isEqualTo(hook.header("Idempotency-Key"));
        assertThat(hook.header("X-Anxin-Signature")).isEqualTo("v1=" + hmacHex(Fixtures.CENTER_SECRET,
                timestamp + "." + hook.header("X-Anxin-Webhook-Id") + "." + hook.body()));
        long alertId = ((Number) alert.get("id")).longValue();
        assertThat(hook.header("Idempotency-Key")).isEqualTo("alert:" + alertId + ":step:0:target:endpoint:" + harness.world.centerEndpoint + ":rem:0");
        JsonNode body = mapper.readTree(hook.body());
        assertThat(body.path("alert").path("id").asLong()).isEqualTo(alertId);
        assertThat(body.path("alert").path("kind").asText()).isEqualTo("SOS");
        assertThat(body.path("elder").path("name").asText()).isEqualTo("张秀英");
        assertThat(body.path("alert").path("location").path("lat").asDouble()).isEqualTo(31.2305);

        await().atMost(Duration.ofSeconds(5)).until(() -> harness.jdbc.queryForObject(
                "SELECT count(*) FROM device_command WHERE alert_id = ?", Integer.class, alertId) == 1);
        Map<String, Object> command = harness.jdbc.queryForMap("SELECT device_id, kind, status, payload::text AS payload FROM device_command WHERE alert_id = ?", alertId);
        assertThat(command.get("device_id")).isEqualTo(elder.handset());
        assertThat(command.get("kind")).isEqualTo("ALERT_ACK");
        assertThat(command.get("status")).isEqualTo("QUEUED");
        JsonNode payload = mapper.readTree((String) command.get("payload"));
        assertThat(payload.path("text").asText()).startsWith("已收到您的紧急呼叫");
        assertThat(payload.path("textEn").asText()).contains("emergency call was received");
        assertThat(payload.path("alertId").asLong()).isEqualTo(alertId);

        await().atMost(Duration.ofSeconds(5)).until(() -> harness.jdbc.queryForObject(
                "SELECT first_notified_at IS NOT NULL FROM alert WHERE id = ?", Boolean.class, alertId));
        assertThat(harness.jdbc.queryForList("SELECT action FROM alert_action WHERE alert_id = ? ORDER BY id", String.class, alertId))
                .containsSubsequence("OPENED", "ESCALATED");
        assertThat(harness.jdbc.queryForObject("SELECT count(*) FROM notification_attempt a JOIN notification n ON n.id = a.notification_id WHERE n.alert_id = ? AND a.success",
                Integer.class, alertId)).isEqualTo(2);
        // Nothing else was paged yet: the street and the partner come later in the policy.
        assertThat(harness.receiver.received("/street")).isEmpty();
        assertThat(harness.receiver.received("/partner")).isEmpty();
    }

    @Test
    void monthsOldBatteryEventIsHistoryButAnSosIsNeverDroppedForItsClock() {
        Fixtures.Elder elder = harness.world.elder("钱老伯");
        await().pollDelay(Duration.ofMillis(300)).until(() -> true); // let the listener connect
        long battery = harness.world.event(elder.id(), elder.handset(), "LOW_BATTERY", "{\"battery\":5,\"clockFlags\":2}");
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.jdbc.queryForObject(
                "SELECT processed_at IS NOT NULL FROM device_event WHERE id = ?", Boolean.class, battery));
        assertThat(harness.jdbc.queryForObject("SELECT count(*) FROM alert WHERE elder_id = ?", Integer.class, elder.id())).isZero();

        // a row an older gateway flagged "months old": an SOS still reaches a person
        harness.world.event(elder.id(), elder.handset(), "SOS", "{\"clockFlags\":2}");
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.jdbc.queryForObject(
                "SELECT count(*) FROM alert WHERE elder_id = ? AND kind = 'SOS' AND status = 'OPEN'", Integer.class, elder.id()) == 1);
    }

    static String hmacHex(String secret, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }
}
