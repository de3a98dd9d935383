package care.anxin.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole platform, end to end, as an elder and a care center live it: an elder's handset
 * (Paho, real MQTT) presses SOS; the care center's console stream shows the incident, the
 * center's webhook receives it signed, the handset is told help is coming, and a staff member's
 * acknowledgement reaches the stream too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SosEndToEndTest {

    private static final String WEBHOOK_SECRET = "center-webhook-secret";

    private RunningPlatform platform;
    private WebhookReceiver webhook;
    private ApiClient admin;
    private long centerId;
    private long elderId;
    private String handsetSecret;

    @BeforeAll
    void startPlatformAndProvisionACommunity() throws Exception {
        webhook = new WebhookReceiver(WEBHOOK_SECRET);
        platform = new RunningPlatform(Map.of());
        admin = new ApiClient(platform.monitoringUrl(), "admin", RunningPlatform.ADMIN_PASSWORD);

        long operator = admin.get("/api/v1/me").path("organization").path("id").asLong();
        long city = org(operator, "CITY", "sys-city", "杭州市");
        long district = org(city, "DISTRICT", "sys-district", "西湖区12349服务中心");
        long street = org(district, "STREET", "sys-street", "北山街道");
        centerId = org(street, "COMMUNITY_CENTER", "sys-center", "宝石社区居家养老服务中心");
        admin.post("/api/v1/admin/users", Map.of("organizationId", centerId, "username", "staff.li",
                "displayName", "李护理员", "password", "staff-password-1", "role", "CARE_STAFF"));
        elderId = admin.post("/api/v1/admin/elders", Map.of("organizationId", centerId, "name", "王秀英",
                "gender", "F", "birthDate", "1941-04-12", "address", "西湖区宝石二路12号",
                "conditions", List.of("高血压"), "home", Map.of("lat", 30.2655, "lon", 120.1530, "radiusM", 300),
                "contacts", List.of(Map.of("name", "王强", "relation", "儿子", "phone", "13800000001"))))
                .path("id").asLong();
        handsetSecret = admin.post("/api/v1/admin/devices", Map.of("id", "HS-SYS-0001", "kind", "HANDSET",
                "organizationId", centerId, "elderId", elderId)).path("secret").asText();
        admin.post("/api/v1/admin/endpoints", Map.of("organizationId", centerId, "channel", "WEBHOOK",
                "name", "社区值班平台", "url", webhook.url(), "secret", WEBHOOK_SECRET));
    }

    private long org(long parent, String kind, String code, String name) throws Exception {
        return admin.post("/api/v1/admin/organizations", Map.of("parentId", parent, "kind", kind, "code", code, "name", name))
                .path("id").asLong();
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
        if (webhook != null) {
            webhook.close();
        }
    }

    @Test
    void sosReachesTheCareCenterAndTheElderIsToldHelpIsComing() throws Exception {
        ApiClient staff = new ApiClient(platform.monitoringUrl(), "staff.li", "staff-password-1");
        BlockingQueue<JsonNode> stream = staff.openAlertStream();

        BlockingQueue<String> commands = new LinkedBlockingQueue<>();
        MqttClient handset = new MqttClient(platform.mqttUri(), "HS-SYS-0001", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName("HS-SYS-0001");
        options.setPassword(handsetSecret.toCharArray());
        options.setCleanSession(false);
        handset.connect(options);
        handset.subscribe("anxin/v1/HS-SYS-0001/down/command", 1,
                (topic, message) -> commands.add(new String(message.getPayload(), StandardCharsets.UTF_8)));

        String sos = "{\"msgId\":\"HS-SYS-0001-1\",\"ts\":\"" + OffsetDateTime.now() + "\",\"type\":\"SOS\","
                + "\"lat\":30.2656,\"lon\":120.1531,\"battery\":71}";
        long published = System.nanoTime();
        handset.publish("anxin/v1/HS-SYS-0001/up/event", sos.getBytes(StandardCharsets.UTF_8), 1, false);

        JsonNode shown = awaitAlert(stream, "SOS", "OPEN", Duration.ofSeconds(20));
        long toConsoleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - published);
        System.out.printf("SOS publish -> care center live stream: %d ms%n", toConsoleMillis);
        assertThat(shown.path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(shown.path("elder").path("name").asText()).isEqualTo("王秀英");

        WebhookReceiver.Delivery delivery = webhook.deliveries.poll(30, TimeUnit.SECONDS);
        assertThat(delivery).as("webhook to the community center").isNotNull();
        assertThat(delivery.signatureValid()).isTrue();
        assertThat(delivery.idempotencyKey()).isNotBlank();
        assertThat(delivery.body()).contains("SOS");

        String command = commands.poll(30, TimeUnit.SECONDS);
        assertThat(command).as("ALERT_ACK downlink to the handset").isNotNull().contains("ALERT_ACK").contains("已收到");

        long alertId = shown.path("id").asLong();
        staff.post("/api/v1/alerts/" + alertId + "/acknowledge", Map.of("note", "已电话联系老人"));
        JsonNode acknowledged = awaitAlert(stream, "SOS", "ACKNOWLEDGED", Duration.ofSeconds(10));
        assertThat(acknowledged.path("id").asLong()).isEqualTo(alertId);

        JsonNode timeline = staff.get("/api/v1/alerts/" + alertId).path("timeline");
        assertThat(timeline.findValuesAsText("action")).contains("OPENED", "ACKNOWLEDGED");
        handset.disconnect();
        handset.close();
    }

    private static JsonNode awaitAlert(BlockingQueue<JsonNode> stream, String kind, String status, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode event = stream.poll(200, TimeUnit.MILLISECONDS);
            if (event != null && kind.equals(event.path("kind").asText()) && status.equals(event.path("status").asText())) {
                return event;
            }
        }
        throw new AssertionError("No " + kind + " " + status + " alert on the live stream within " + timeout);
    }
}
