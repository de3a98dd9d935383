package care.anxin.simulator.receiver;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a partner verifies the platform's webhooks (docs/alerting.md "Verifying a webhook"), as a
 * receiver would write it:
 * <ol>
 *   <li>X-Anxin-Timestamp (Unix seconds) within {@link #TOLERANCE} of the receiver's clock;</li>
 *   <li>X-Anxin-Signature holds {@code v1=<hex>} entries (two during a secret rotation); one must equal
 *       hex HMAC-SHA256(secret, timestamp + "." + X-Anxin-Webhook-Id + "." + raw body), compared in
 *       constant time;</li>
 *   <li>a signature seen before within the tolerance window is a replay and is refused. A retry of the
 *       same notification carries the same X-Anxin-Webhook-Id with a new timestamp (and signature):
 *       it is accepted, and the id tells the receiver it already has the notification.</li>
 * </ol>
 */
public final class WebhookSignature {

    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    /** The outcome of a check. */
    public enum Verdict { VALID, MISSING, STALE, BAD_SIGNATURE, REPLAY }

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    public static String sign(String secret, String timestamp, String webhookId, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + "." + webhookId + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Checks one delivery against the receiver's secrets at time {@code now}. */
    public Verdict verify(List<String> secrets, String timestamp, String webhookId, byte[] body, String header,
                          Instant now) {
        if (timestamp == null || webhookId == null || header == null || secrets.isEmpty()) {
            return Verdict.MISSING;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Verdict.MISSING;
        }
        if (Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(TOLERANCE) > 0) {
            return Verdict.STALE;
        }
        String matched = null;
        for (String part : header.split(",")) {
            String given = part.trim();
            if (!given.startsWith("v1=")) {
                continue;
            }
            byte[] givenBytes = given.substring(3).toLowerCase().getBytes(StandardCharsets.US_ASCII);
            for (String secret : secrets) {
                byte[] expected = sign(secret, timestamp.trim(), webhookId, body).getBytes(StandardCharsets.US_ASCII);
                if (MessageDigest.isEqual(expected, givenBytes)) {
                    matched = given;
                }
            }
        }
        if (matched == null) {
            return Verdict.BAD_SIGNATURE;
        }
        seen.values().removeIf(at -> at.isBefore(now.minus(TOLERANCE.multipliedBy(2))));
        return seen.putIfAbsent(matched, now) == null ? Verdict.VALID : Verdict.REPLAY;
    }
}
