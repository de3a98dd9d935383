package care.anxin.alert.dispatch;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature partners verify (docs/alerting.md "Verifying a webhook"):
 * X-Anxin-Signature = {@code v1=<hex HMAC-SHA256(secret, timestamp + "." + webhookId + "." + body)>},
 * one {@code v1=} entry per active secret (two during a rotation), comma-separated;
 * X-Anxin-Timestamp = Unix seconds; X-Anxin-Webhook-Id = the delivery's id (the same on retries).
 * Receivers reject timestamps more than 5 minutes off and ids they have already processed.
 */
public final class WebhookSigner {

    private WebhookSigner() {
    }

    public static String sign(String secret, long timestampSeconds, String webhookId, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestampSeconds + "." + webhookId + "." + body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The header value for all active secrets. */
    public static String header(List<String> secrets, long timestampSeconds, String webhookId, String body) {
        return secrets.stream().map(s -> "v1=" + sign(s, timestampSeconds, webhookId, body))
                .collect(Collectors.joining(","));
    }

    /** Constant-time check of a header value against one secret, as a partner (or a test) would verify. */
    public static boolean verify(String secret, long timestampSeconds, String webhookId, String body, String header) {
        if (header == null) {
            return false;
        }
        byte[] expected = sign(secret, timestampSeconds, webhookId, body).getBytes(StandardCharsets.US_ASCII);
        boolean any = false;
        for (String part : header.split(",")) {
            String p = part.trim();
            if (p.startsWith("v1=")) {
                any |= MessageDigest.isEqual(expected, p.substring(3).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return any;
    }
}
