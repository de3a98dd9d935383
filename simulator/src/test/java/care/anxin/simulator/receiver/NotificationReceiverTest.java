package care.anxin.simulator.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"anxin.simulator.mode=idle"})
class NotificationReceiverTest {

    @LocalServerPort
    int port;

    @Autowired
    ReceivedNotifications received;

    @Autowired
    WebhookSecrets secrets;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSignedWebhookIsAcceptedAndForgedStaleOrReplayedOnesRefused() throws Exception {
        secrets.add("whsec_test");
        String body = "{\"alertId\":311,\"kind\":\"SOS\",\"elder\":{\"name\":\"王秀英\"}}";
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String id = "alert:311:step:0:target:endpoint:1:rem:0";
        String signature = "v1=" + WebhookSignature.sign("whsec_test", timestamp, id, body.getBytes(StandardCharsets.UTF_8));
        long before = received.webhooks();
        long rejectedBefore = received.rejected();

        assertThat(post("/webhook", body, timestamp, id, signature).statusCode()).isEqualTo(200);
        assertThat(post("/webhook", body, timestamp, id, signature).statusCode()).as("replay").isEqualTo(401);
        assertThat(post("/webhook", body.replace("311", "312"), timestamp, id, signature).statusCode()).isEqualTo(401);
        assertThat(post("/webhook", body, timestamp, "alert:999", signature).statusCode()).as("other id").isEqualTo(401);
        assertThat(post("/webhook", body, null, null, null).statusCode()).isEqualTo(401);
        String old = Long.toString(Instant.now().minusSeconds(600).getEpochSecond());
        assertThat(post("/webhook", body, old, id,
                "v1=" + WebhookSignature.sign("whsec_test", old, id, body.getBytes(StandardCharsets.UTF_8))).statusCode())
                .as("stale").isEqualTo(401);
        // A rotation: the platform signs with the new and the previous secret; the receiver knows one.
        String retryTs = Long.toString(Instant.now().getEpochSecond() + 1);
        String both = "v1=" + WebhookSignature.sign("whsec_new", retryTs, id, body.getBytes(StandardCharsets.UTF_8))
                + ",v1=" + WebhookSignature.sign("whsec_test", retryTs, id, body.getBytes(StandardCharsets.UTF_8));
        assertThat(post("/webhook", body, retryTs, id, both).statusCode()).isEqualTo(200);

        assertThat(received.webhooks() - before).isEqualTo(7);
        assertThat(received.rejected() - rejectedBefore).isEqualTo(5);
        assertThat(received.recent()).anySatisfy(r -> assertThat(r.body()).contains("王秀英"));
    }

    @Test
    void theSmsGatewayTakesAnyMessage() throws Exception {
        long before = received.sms();
        assertThat(post("/sms", "{\"to\":\"13800000000\",\"text\":\"您的家人触发了紧急呼叫\"}", null, null, null).statusCode())
                .isEqualTo(200);
        assertThat(received.sms()).isEqualTo(before + 1);
    }

    @Test
    void signaturesAreHexHmacSha256OfTimestampDotIdDotBody() {
        // Reference value computed independently: printf '123.alert:1.{}' | openssl dgst -sha256 -hmac k
        assertThat(WebhookSignature.sign("k", "123", "alert:1", "{}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("f3346ccd204d7efe24e59c0e84dda8523d890d51c11b302b982103cd8d917b8e");
        assertThat(new WebhookSignature().verify(List.of("k"), "123", "alert:1", "{}".getBytes(StandardCharsets.UTF_8),
                null, Instant.ofEpochSecond(123))).isEqualTo(WebhookSignature.Verdict.MISSING);
    }

    private HttpResponse<String> post(String path, String body, String timestamp, String id, String signature)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (timestamp != null) {
            request.header("X-Anxin-Timestamp", timestamp);
        }
        if (id != null) {
            request.header("X-Anxin-Webhook-Id", id);
        }
        if (signature != null) {
            request.header("X-Anxin-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
