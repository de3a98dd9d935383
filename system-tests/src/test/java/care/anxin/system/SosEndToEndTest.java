package care.anxin.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import care.anxin.monitoring.browser.HeadlessChrome;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

/**
 * The whole platform, end to end, as an elder and a care center live it: an elder's handset
 * (Paho, real MQTT) presses SOS; the care center's console stream shows the incident, the
 * center's webhook receives it signed, the handset is told help is coming, and a staff member's
 * acknowledgement reaches the stream too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SosEndToEndTest {

    private final List<String> webhookSecrets = new java.util.concurrent.CopyOnWriteArrayList<>();

    private RunningPlatform platform;
    private WebhookReceiver webhook;
    private ApiClient admin;
    private long centerId;
    private long elderId;
    private String handsetSecret;

    @BeforeAll
    void startPlatformAndProvisionACommunity() throws Exception {
        webhook = new WebhookReceiver(() -> webhookSecrets);
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
        // The platform generates the signing secret and shows it once.
        webhookSecrets.add(admin.post("/api/v1/admin/endpoints", Map.of("organizationId", centerId, "channel", "WEBHOOK",
                "name", "社区值班平台", "url", webhook.url())).path("secret").asText());
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

        Handset handset = new Handset(platform.mqttUri(), "HS-SYS-0001", handsetSecret);
        long published = System.nanoTime();
        handset.pressSos(30.2656, 120.1531);

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

        String command = handset.commands.poll(30, TimeUnit.SECONDS);
        assertThat(command).as("ALERT_ACK downlink to the handset").isNotNull().contains("ALERT_ACK").contains("已收到");

        long alertId = shown.path("id").asLong();
        staff.post("/api/v1/alerts/" + alertId + "/acknowledge", Map.of("note", "已电话联系老人"));
        JsonNode acknowledged = awaitAlert(stream, "SOS", "ACKNOWLEDGED", Duration.ofSeconds(10));
        assertThat(acknowledged.path("id").asLong()).isEqualTo(alertId);

        JsonNode timeline = staff.get("/api/v1/alerts/" + alertId).path("timeline");
        assertThat(timeline.findValuesAsText("action")).contains("OPENED", "ACKNOWLEDGED");
        handset.close();
    }

    @Test
    void sosFromAHandsetAppearsOnTheCareCenterBoardWithoutReloadAndIsAcknowledgedThere() throws Exception {
        assumeTrue(HeadlessChrome.available(), "Debian chromium and chromium-driver are needed for the browser check");
        long elder = admin.post("/api/v1/admin/elders", Map.of("organizationId", centerId, "name", "赵桂兰",
                "gender", "F", "birthDate", "1936-09-30", "address", "西湖区保俶路88号")).path("id").asLong();
        String secret = admin.post("/api/v1/admin/devices", Map.of("id", "HS-SYS-0002", "kind", "HANDSET",
                "organizationId", centerId, "elderId", elder)).path("secret").asText();

        try (HeadlessChrome chrome = new HeadlessChrome(platform.monitoringUrl());
             Handset handset = new Handset(platform.mqttUri(), "HS-SYS-0002", secret)) {
            chrome.login("staff.li", "staff-password-1");
            chrome.waitFor(d -> "live".equals(d.findElement(By.id("live-indicator")).getAttribute("data-state")));
            chrome.js("window.__sameDocument = 'still here'");

            handset.pressSos(30.2670, 120.1490);

            By card = By.xpath("//article[contains(@class,'incident') and @data-kind='SOS' and contains(., '赵桂兰')]");
            // The board re-renders cards on every live event, so each look finds the card afresh.
            chrome.waitFor(Duration.ofSeconds(20), d -> "OPEN".equals(d.findElement(card).getAttribute("data-status")));
            assertThat(chrome.js("return window.__sameDocument")).as("no reload").isEqualTo("still here");

            chrome.waitFor(d -> {
                d.findElement(card).findElement(By.cssSelector("button[data-action='acknowledge']")).click();
                return true;
            });
            chrome.waitFor(d -> "ACKNOWLEDGED".equals(d.findElement(card).getAttribute("data-status")));
            chrome.screenshot("system-board-acknowledged");
        }
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
