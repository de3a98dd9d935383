package care.anxin.alert.dispatch;

import care.anxin.alert.work.Backoff;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Signature, backoff and HTTP status rules of the dispatcher. */
class DispatchRulesTest {

    @Test
    void signatureIsHexHmacSha256OfTimestampDotBody() {
        // Reference value: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret
        assertThat(WebhookSigner.sign("secret", 1_700_000_000L, "{\"a\":1}"))
                .isEqualTo("49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686");
        assertThat(WebhookSigner.verify("secret", 1_700_000_000L, "{\"a\":1}",
                WebhookSigner.sign("secret", 1_700_000_000L, "{\"a\":1}"))).isTrue();
        assertThat(WebhookSigner.verify("secret", 1_700_000_001L, "{\"a\":1}",
                WebhookSigner.sign("secret", 1_700_000_000L, "{\"a\":1}"))).isFalse();
        assertThat(WebhookSigner.verify("other", 1_700_000_000L, "{\"a\":1}",
                WebhookSigner.sign("secret", 1_700_000_000L, "{\"a\":1}"))).isFalse();
        assertThat(WebhookSigner.verify("secret", 1_700_000_000L, "{\"a\":1}", null)).isFalse();
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
        assertThat(DeliveryResult.ofHttpStatus(204, "").success()).isTrue();
        assertThat(DeliveryResult.ofHttpStatus(503, "down").retryable()).isTrue();
        assertThat(DeliveryResult.ofHttpStatus(429, "").retryable()).isTrue();
        assertThat(DeliveryResult.ofHttpStatus(404, "").retryable()).isFalse();
        assertThat(DeliveryResult.ofHttpStatus(400, "bad").error()).isEqualTo("HTTP 400: bad");
    }
}
