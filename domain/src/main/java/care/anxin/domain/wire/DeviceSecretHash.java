package care.anxin.domain.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The stored form of a device secret: {@code $hs256$<salt>$<HMAC-SHA256(salt, secret)>} (base64url).
 * Device secrets are 192-bit random values, so a fast keyed hash is as strong as a slow one and
 * costs microseconds per login instead of a BCrypt round (which a reconnect storm of thousands of
 * devices cannot afford). Written by the admin API, verified by the gateway; older BCrypt
 * ({@code $2a$}) hashes are verified once and replaced by this form.
 */
public final class DeviceSecretHash {

    public static final String PREFIX = "$hs256$";
    private static final int SALT_BYTES = 16;
    private static final SecureRandom random = new SecureRandom();
    private static final Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder b64d = Base64.getUrlDecoder();
    /** Used to spend the same work on unknown devices as on known ones. */
    private static final String DUMMY = hash("not-a-device-secret".getBytes(StandardCharsets.UTF_8));

    private DeviceSecretHash() {
    }

    public static String hash(String secret) {
        return hash(secret.getBytes(StandardCharsets.UTF_8));
    }

    public static String hash(byte[] secret) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return PREFIX + b64.encodeToString(salt) + "$" + b64.encodeToString(mac(salt, secret));
    }

    /** Whether {@code stored} is in this form (else it is a legacy hash). */
    public static boolean isFast(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** Constant-time check of a secret against a stored {@code $hs256$} hash; false for any other form. */
    public static boolean matches(byte[] secret, String stored) {
        if (!isFast(stored)) {
            return false;
        }
        int dollar = stored.indexOf('$', PREFIX.length());
        if (dollar < 0) {
            return false;
        }
        try {
            byte[] salt = b64d.decode(stored.substring(PREFIX.length(), dollar));
            byte[] expected = b64d.decode(stored.substring(dollar + 1));
            return MessageDigest.isEqual(expected, mac(salt, secret));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** The work of a check, against a hash no secret matches (unknown device ids cost the same). */
    public static void dummyCheck(byte[] secret) {
        matches(secret, DUMMY);
    }

    private static byte[] mac(byte[] key, byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(secret);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
