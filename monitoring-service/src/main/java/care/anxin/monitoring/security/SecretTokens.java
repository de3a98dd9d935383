package care.anxin.monitoring.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/** Random secrets shown once (device secrets, API keys) and the fast hash used for API keys. */
@Component
public class SecretTokens {

    public static final String API_KEY_PREFIX = "ak_";

    private final SecureRandom random = new SecureRandom();

    /** 192 random bits, URL-safe: a device secret. */
    public String deviceSecret() {
        return randomText(24);
    }

    /** 256 random bits behind a recognisable prefix: an API key. */
    public String apiKey() {
        return API_KEY_PREFIX + randomText(32);
    }

    /** 256 random bits, URL-safe: the token in a responder's dispatch link (stored only as its SHA-256). */
    public String dispatchToken() {
        return randomText(32);
    }

    /** SHA-256 hex: enough for long random keys, and lets the key be looked up directly. */
    public static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomText(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
