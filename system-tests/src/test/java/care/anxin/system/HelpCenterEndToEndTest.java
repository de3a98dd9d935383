package care.anxin.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import care.anxin.monitoring.browser.HeadlessChrome;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The help center with the whole platform running (issue 11): a message typed on the elder card
 * reaches a real Paho handset and the card shows it delivered; a phone call dispatched to a responder
 * reaches them as an SMS through the alert service's outbox (the time from dispatch to the SMS is
 * printed), and their progress from the link lands on the incident's timeline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelpCenterEndToEndTest {

    private static final Pattern LINK = Pattern.compile("/responder\\.html#([A-Za-z0-9_-]{20,})");
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunningPlatform platform;
    private WebhookReceiver smsGateway;
    private ApiClient admin;
    private long centerId;
    private long elderId;
    private long responderId;
    private String handsetSecret;

    @BeforeAll
    void startPlatform() throws Exception {
        smsGateway = new WebhookReceiver(List::of); // only the SMS path is used: no signatures to check
        platform = new RunningPlatform(Map.of("anxin.alert.sms.gateway-url", smsGateway.baseUrl() + "/sms"));
        admin = new ApiClient(platform.monitoringUrl(), "admin", RunningPlatform.ADMIN_PASSWORD);
        long operator = admin.get("/api/v1/me").path("organization").path("id").asLong();
        long district = org(operator, "DISTRICT", "hc-district", "西湖区12349服务中心");
        centerId = org(district, "COMMUNITY_CENTER", "hc-center", "翠苑社区居家养老服务中心");
        admin.post("/api/v1/admin/users", Map.of("organizationId", district, "username", "operator.zhou",
                "displayName", "周话务员", "password", "operator-password-1", "role", "DISTRICT_STAFF"));
        responderId = admin.post("/api/v1/admin/users", Map.of("organizationId", centerId, "username", "responder.wu",
                "displayName", "吴网格员", "password", "responder-password-1", "role", "RESPONDER", "phone", "13711112222"))
                .path("id").asLong();
        elderId = admin.post("/api/v1/admin/elders", Map.of("organizationId", centerId, "name", "陈阿婆",
                "gender", "F", "birthDate", "1938-02-01", "address", "西湖区翠苑一区3幢2单元501",
                "conditions", List.of("冠心病"), "home", Map.of("lat", 30.2900, "lon", 120.1300, "radiusM", 300),
                "contacts", List.of(Map.of("name", "陈明", "relation", "儿子", "phone", "13800000002")))).path("id").asLong();
        handsetSecret = admin.post("/api/v1/admin/devices", Map.of("id", "HS-HC-0001", "kind", "HANDSET",
                "organizationId", centerId, "elderId", elderId)).path("secret").asText();
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
        if (smsGateway != null) {
            smsGateway.close();
        }
    }

    @Test
    void aMessageFromTheElderCardReachesTheHandsetAndShowsDelivered() throws Exception {
        assumeTrue(HeadlessChrome.available(), "Debian chromium and chromium-driver are needed for the browser check");
        try (Handset handset = new Handset(platform.mqttUri(), "HS-HC-0001", handsetSecret);
             HeadlessChrome chrome = new HeadlessChrome(platform.monitoringUrl())) {
            chrome.login("operator.zhou", "operator-password-1");
            chrome.waitFor(d -> d.getCurrentUrl().endsWith("#/board"));
            chrome.open("/#/elders/" + elderId);
            WebElement text = chrome.waitFor(d -> d.findElement(By.cssSelector("#message-form input[name='text']")));
            text.sendKeys("我们马上到，请开门");
            chrome.driver.findElement(By.id("send-message")).click();

            String command = handset.commands.poll(30, TimeUnit.SECONDS);
            assertThat(command).as("MESSAGE downlink to the handset").isNotNull();
            JsonNode wire = JSON.readTree(command);
            assertThat(wire.path("type").asText()).isEqualTo("MESSAGE");
            assertThat(wire.path("text").asText()).isEqualTo("我们马上到，请开门");

            // Paho acknowledged the QoS 1 publish: the gateway marks it delivered, the card shows it.
            chrome.waitFor(Duration.ofSeconds(30), d -> "DELIVERED".equals(d.findElement(
                    By.cssSelector("#command-table tbody tr")).getAttribute("data-status")));
            assertThat(chrome.driver.findElement(By.id("command-table")).getText()).contains("已送达", "我们马上到，请开门");
            chrome.screenshot("system-handset-message-delivered");
        }
    }

    @Test
    void aDispatchedPhoneCallReachesTheResponderBySmsAndTheirArrivalGoesOnTheTimeline() throws Exception {
        ApiClient operator = new ApiClient(platform.monitoringUrl(), "operator.zhou", "operator-password-1");
        JsonNode call = operator.post("/api/v1/alerts", Map.of("elderId", elderId, "kind", "CALL_HEALTH",
                "note", "儿子来电：老人胸闷，联系不上", "callerPhone", "13800000002", "callerRelation", "儿子"));
        long alertId = call.path("id").asLong();
        assertThat(call.path("kind").asText()).isEqualTo("CALL_HEALTH");

        long sent = System.nanoTime();
        operator.post("/api/v1/alerts/" + alertId + "/dispatch", Map.of("responderUserId", responderId, "note", "请带上血压计"));
        WebhookReceiver.Delivery sms = null;
        while (sms == null || !sms.body().contains("responder.html#")) {
            sms = smsGateway.deliveries.poll(30, TimeUnit.SECONDS);
            assertThat(sms).as("the responder's SMS").isNotNull();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        System.out.printf("dispatch -> responder SMS at the gateway: %d ms%n", millis);
        assertThat(sms.path()).isEqualTo("/sms");
        assertThat(sms.body()).contains("13711112222", "陈阿婆");
        assertThat(sms.idempotencyKey()).startsWith("dispatch:");

        Matcher m = LINK.matcher(sms.body());
        assertThat(m.find()).isTrue();
        // The link works from any phone; here the responder's own account sends it (Basic auth, no CSRF).
        ApiClient phone = new ApiClient(platform.monitoringUrl(), "responder.wu", "responder-password-1");
        assertThat(phone.get("/api/v1/responder/links/" + m.group(1)).path("alert").path("id").asLong()).isEqualTo(alertId);
        phone.post("/api/v1/responder/links/" + m.group(1) + "/progress", Map.of("status", "ARRIVED"));

        JsonNode timeline = operator.get("/api/v1/alerts/" + alertId).path("timeline");
        assertThat(timeline.findValuesAsText("action")).contains("CALL_OPENED", "DISPATCHED", "RESPONDER_ARRIVED");
        // The phone call escalates like any incident: the alert service took up its first step (fired, or
        // skipped when the dispatch had already acknowledged it).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<String> actions = List.of();
        while (System.nanoTime() < deadline) {
            actions = operator.get("/api/v1/alerts/" + alertId).path("timeline").findValuesAsText("action");
            if (actions.contains("ESCALATED") || actions.contains("ESCALATION_SKIPPED")) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(actions).containsAnyOf("ESCALATED", "ESCALATION_SKIPPED");
    }
}
