package care.anxin.gateway.auth;

import care.anxin.store.ingest.DeviceCredentials;
import care.anxin.store.ingest.DeviceDirectory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Checks a device's id and secret against its BCrypt hash. Blocking (database + slow hash): call it
 * off the event loop. A successful check is remembered for a while (keyed by the stored hash and a
 * SHA-256 of the secret, never the secret itself) so reconnect storms don't burn the CPU; the device
 * row (enabled, elder binding) is still read on every login.
 */
public class DeviceAuthenticator {

    private record Verified(String secretHash, byte[] secretDigest, long expiresAtNanos) {
    }

    private final DeviceDirectory directory;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    private final long cacheTtlNanos;
    private final ConcurrentMap<String, Verified> verified = new ConcurrentHashMap<>();

    public DeviceAuthenticator(DeviceDirectory directory, Duration cacheTtl) {
        this.directory = directory;
        this.cacheTtlNanos = cacheTtl.toNanos();
    }

    public AuthResult authenticate(String deviceId, byte[] secret) {
        Optional<DeviceCredentials> found = directory.credentials(deviceId);
        if (found.isEmpty()) {
            return AuthResult.refused(LoginRefusal.BAD_CREDENTIALS, "unknown device");
        }
        DeviceCredentials device = found.get();
        if (secret == null || secret.length == 0 || !secretMatches(device, secret)) {
            return AuthResult.refused(LoginRefusal.BAD_CREDENTIALS, "wrong secret");
        }
        if (!device.enabled()) {
            return AuthResult.refused(LoginRefusal.NOT_AUTHORIZED, "device disabled");
        }
        if (device.elderId() == null) {
            return AuthResult.refused(LoginRefusal.NOT_AUTHORIZED, "device not bound to an elder");
        }
        return AuthResult.ok(device);
    }

    private boolean secretMatches(DeviceCredentials device, byte[] secret) {
        byte[] digest = sha256(secret);
        long now = System.nanoTime();
        Verified v = verified.get(device.deviceId());
        if (v != null && now < v.expiresAtNanos && v.secretHash.equals(device.secretHash())
                && MessageDigest.isEqual(v.secretDigest, digest)) {
            return true;
        }
        boolean ok;
        try {
            ok = bcrypt.matches(new String(secret, StandardCharsets.UTF_8), device.secretHash());
        } catch (IllegalArgumentException malformedHash) {
            ok = false;
        }
        if (ok) {
            verified.put(device.deviceId(), new Verified(device.secretHash(), digest, now + cacheTtlNanos));
        } else {
            verified.remove(device.deviceId());
        }
        Arrays.fill(secret, (byte) 0);
        return ok;
    }

    /** Drops expired cache entries (called periodically). */
    public void evictExpired() {
        long now = System.nanoTime();
        verified.values().removeIf(v -> now >= v.expiresAtNanos);
    }

    private static byte[] sha256(byte[] secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
