package care.anxin.simulator.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"anxin.simulator.mode=idle", "anxin.simulator.webhook-secret=test-secret"})
class NotificationReceiverTest {

    @LocalServerPort
    int port;

    @Autowired
    ReceivedNotifications received;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSignedWebhookIsAcceptedAndAForgedOneRefused() throws Exception {
        String body = "{\"alertId\":311,\"kind\":\"SOS\",\"elder\":{\"name\":\"王秀英\"}}";
        String timestamp = "1763890000";
        String signature = WebhookSignature.sign("test-secret", timestamp, body.getBytes(StandardCharsets.UTF_8));

        assertThat(post("/webhook", body, timestamp, signature).statusCode()).isEqualTo(200);
        assertThat(post("/webhook", body, timestamp, "sha256=" + signature).statusCode()).isEqualTo(200);
        assertThat(post("/webhook", body.replace("311", "312"), timestamp, signature).statusCode()).isEqualTo(401);
        assertThat(post("/webhook", body, null, null).statusCode()).isEqualTo(401);

        assertThat(received.webhooks()).isEqualTo(4);
        assertThat(received.rejected()).isEqualTo(2);
        assertThat(received.recent()).anySatisfy(r -> assertThat(r.body()).contains("王秀英"));
    }

    @Test
    void theSmsGatewayTakesAnyMessage() throws Exception {
        long before = received.sms();
        assertThat(post("/sms", "{\"to\":\"13800000000\",\"text\":\"您的家人触发了紧急呼叫\"}", null, null).statusCode()).isEqualTo(200);
        assertThat(received.sms()).isEqualTo(before + 1);
    }

    @Test
    void signaturesAreHexHmacSha256OfTimestampDotBody() {
        // Reference value computed independently: printf '123.{}' | openssl dgst -sha256 -hmac k
        assertThat(WebhookSignature.sign("k", "123", "{}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("4733b0070cf285133179508f4dc1cf5badcc79eba3978fe3a1a3e63bf4b4e01e");
        assertThat(WebhookSignature.verify("k", "123", "{}".getBytes(StandardCharsets.UTF_8), null)).isFalse();
    }

    private HttpResponse<String> post(String path, String body, String timestamp, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (timestamp != null) {
            request.header("X-Anxin-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Anxin-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
