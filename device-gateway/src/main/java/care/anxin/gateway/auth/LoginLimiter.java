package care.anxin.gateway.auth;

import care.anxin.gateway.limit.TokenBucket;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Failed logins, limited per device id and per address prefix (/24, /64) with token buckets:
 * each failure takes a token, tokens come back at a steady rate. An empty bucket slows guessing
 * down; it never stops a credential that logged in recently ({@link RecentLogins} is checked
 * first), and a throttled prefix keeps one verification slot so an honest device behind it can
 * still get in (see {@link LoginGate}). Sizes are bounded: full buckets are forgotten.
 */
public class LoginLimiter {

    /** Bucket parameters: {@code burst} failures at once, {@code perSecond} regained each second. */
    public record Rate(double perSecond, double burst) {
    }

    private final Rate perDevice;
    private final Rate perPrefix;
    private final int maxTracked;
    private final ConcurrentMap<String, TokenBucket> devices = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, TokenBucket> prefixes = new ConcurrentHashMap<>();

    public LoginLimiter(Rate perDevice, Rate perPrefix, int maxTracked) {
        this.perDevice = perDevice;
        this.perPrefix = perPrefix;
        this.maxTracked = maxTracked;
    }

    /** Whether failures for this device id or from this prefix used up their bucket. */
    public boolean throttled(String deviceId, String prefix) {
        long now = System.nanoTime();
        return empty(devices.get(deviceId), now) || empty(prefixes.get(prefix), now);
    }

    public void failed(String deviceId, String prefix) {
        long now = System.nanoTime();
        take(devices, deviceId, perDevice, now);
        take(prefixes, prefix, perPrefix, now);
    }

    /** Forgets buckets that refilled (called periodically). */
    public void evictFull() {
        long now = System.nanoTime();
        evict(devices, now);
        evict(prefixes, now);
    }

    public int tracked() {
        return devices.size() + prefixes.size();
    }

    private static boolean empty(TokenBucket b, long now) {
        if (b == null) {
            return false;
        }
        synchronized (b) {
            return !b.available(now);
        }
    }

    private void take(ConcurrentMap<String, TokenBucket> map, String key, Rate rate, long now) {
        if (key == null) {
            return;
        }
        TokenBucket b = map.get(key);
        if (b == null) {
            if (map.size() >= maxTracked) {
                evict(map, now);
            }
            b = map.computeIfAbsent(key, k -> new TokenBucket(rate.perSecond(), rate.burst(), now));
        }
        synchronized (b) {
            b.tryAcquire(now);
        }
    }

    private static void evict(ConcurrentMap<String, TokenBucket> map, long now) {
        map.values().removeIf(b -> {
            synchronized (b) {
                return b.full(now);
            }
        });
    }
}
