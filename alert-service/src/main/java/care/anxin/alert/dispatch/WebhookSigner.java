package care.anxin.alert.dispatch;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature partners verify: X-Anxin-Signature = lowercase hex of
 * HMAC-SHA256(secret, timestamp + "." + body), X-Anxin-Timestamp = Unix seconds.
 * Receivers should reject timestamps older than 5 minutes (replay) and compare in constant time.
 */
public final class WebhookSigner {

    private WebhookSigner() {
    }

    public static String sign(String secret, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Constant-time check, as a partner (or a test) would verify a request. */
    public static boolean verify(String secret, long timestampSeconds, String body, String signature) {
        byte[] expected = sign(secret, timestampSeconds, body).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = signature == null ? new byte[0] : signature.getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }
}
