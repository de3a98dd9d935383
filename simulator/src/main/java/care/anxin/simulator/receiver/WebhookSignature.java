package care.anxin.simulator.receiver;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The platform's webhook signature: hex HMAC-SHA256 over {@code "<timestamp>.<body>"} with the
 * endpoint's secret, sent as X-Anxin-Signature next to X-Anxin-Timestamp.
 */
public final class WebhookSignature {

    private WebhookSignature() {
    }

    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Constant-time check; accepts an optional {@code sha256=} prefix. */
    public static boolean verify(String secret, String timestamp, byte[] body, String signature) {
        if (secret == null || timestamp == null || signature == null) {
            return false;
        }
        String given = signature.trim().toLowerCase().replaceFirst("^sha256=", "");
        return MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }
}
