package care.anxin.gateway.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Credentials that recently logged in, checked before any throttle: a device that knows its
 * secret is never locked out by strangers failing from its address or guessing its id. Keeps a
 * keyed digest of the secret (a key of this process, never the secret) and the stored hash it
 * was verified against; forgotten when the device is revoked. Bounded in size.
 */
public class RecentLogins {

    private record Entry(byte[] digest, String storedHash, long expiresAtNanos) {
    }

    private final byte[] key = new byte[32];
    private final long ttlNanos;
    private final int maxEntries;
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    public RecentLogins(Duration ttl, int maxEntries) {
        new SecureRandom().nextBytes(key);
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    /** Whether this secret logged in as this device recently (the stored hash is re-checked at login). */
    public boolean matches(String deviceId, byte[] secret) {
        Entry e = entries.get(deviceId);
        return e != null && System.nanoTime() < e.expiresAtNanos && MessageDigest.isEqual(e.digest, digest(secret));
    }

    /** Whether the remembered login was verified against this stored hash (so no hash is needed now). */
    public boolean matches(String deviceId, byte[] secret, String storedHash) {
        Entry e = entries.get(deviceId);
        return matches(deviceId, secret) && e != null && e.storedHash.equals(storedHash);
    }

    public void remember(String deviceId, byte[] secret, String storedHash) {
        if (entries.size() >= maxEntries && !entries.containsKey(deviceId)) {
            evictExpired();
            if (entries.size() >= maxEntries) {
                return;
            }
        }
        entries.put(deviceId, new Entry(digest(secret), storedHash, System.nanoTime() + ttlNanos));
    }

    public void forget(String deviceId) {
        entries.remove(deviceId);
    }

    public void evictExpired() {
        long now = System.nanoTime();
        entries.values().removeIf(e -> now >= e.expiresAtNanos);
    }

    private byte[] digest(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(secret);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
