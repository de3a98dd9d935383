package care.anxin.alert.dispatch;

import care.anxin.alert.work.Backoff;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Signature, backoff and HTTP status rules of the dispatcher. */
class DispatchRulesTest {

    @Test
    void signatureIsHexHmacSha256OfTimestampDotIdDotBody() {
        String id = "alert:1:step:0";
        // Reference value: printf '1700000000.alert:1:step:0.{"a":1}' | openssl dgst -sha256 -hmac secret
        assertThat(WebhookSigner.sign("secret", 1_700_000_000L, id, "{\"a\":1}"))
                .isEqualTo("607d0f0a21b122e52f9c7f0b860c75c924429c5c4838121c75715635e0dc8df9");
        String header = WebhookSigner.header(List.of("secret"), 1_700_000_000L, id, "{\"a\":1}");
        assertThat(header).isEqualTo("v1=607d0f0a21b122e52f9c7f0b860c75c924429c5c4838121c75715635e0dc8df9");
        assertThat(WebhookSigner.verify("secret", 1_700_000_000L, id, "{\"a\":1}", header)).isTrue();
        assertThat(WebhookSigner.verify("secret", 1_700_000_001L, id, "{\"a\":1}", header)).isFalse();
        assertThat(WebhookSigner.verify("secret", 1_700_000_000L, "alert:2:step:0", "{\"a\":1}", header)).isFalse();
        assertThat(WebhookSigner.verify("other", 1_700_000_000L, id, "{\"a\":1}", header)).isFalse();
        assertThat(WebhookSigner.verify("secret", 1_700_000_000L, id, "{\"a\":1}", null)).isFalse();
        // During a rotation both secrets sign; a receiver holding either one accepts.
        String both = WebhookSigner.header(List.of("new", "old"), 1_700_000_000L, id, "{}");
        assertThat(both.split(",")).hasSize(2);
        assertThat(WebhookSigner.verify("old", 1_700_000_000L, id, "{}", both)).isTrue();
        assertThat(WebhookSigner.verify("new", 1_700_000_000L, id, "{}", both)).isTrue();
    }

    @Test
    void backoffDoublesWithinJitterAndIsCapped() {
        Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), 0.2);
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delayAfter(1).toMillis()).isBetween(1600L, 2400L);
            assertThat(backoff.delayAfter(3).toMillis()).isBetween(6400L, 9600L);
            assertThat(backoff.delayAfter(30).toMillis()).isBetween(240_000L, 360_000L);
        }
    }

    @Test
    void httpStatusesAreClassified() {
        assertThat(DeliveryResult.ofHttpStatus(204).success()).isTrue();
        assertThat(DeliveryResult.ofHttpStatus(503).retryable()).isTrue();
        assertThat(DeliveryResult.ofHttpStatus(429).retryable()).isTrue();
        assertThat(DeliveryResult.ofHttpStatus(404).retryable()).isFalse();
        // The status line only: an answer body never reaches incidents.
        assertThat(DeliveryResult.ofHttpStatus(400).error()).isEqualTo("HTTP 400");
        assertThat(DeliveryResult.ofHttpStatus(302).error()).isEqualTo("HTTP 302 (redirect not followed)");
    }
}
