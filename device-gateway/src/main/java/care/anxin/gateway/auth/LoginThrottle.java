package care.anxin.gateway.auth;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts failed logins per remote address in a fixed window; an address past the limit is refused
 * without checking secrets until the window ends (slows down guessing and spares the CPU).
 */
public class LoginThrottle {

    private record Window(long startNanos, int failures) {
    }

    private final int maxFailures;
    private final long windowNanos;
    private final ConcurrentMap<String, Window> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration window) {
        this.maxFailures = maxFailures;
        this.windowNanos = window.toNanos();
    }

    public boolean blocked(String address) {
        Window w = failures.get(address);
        return w != null && System.nanoTime() - w.startNanos < windowNanos && w.failures >= maxFailures;
    }

    public void failed(String address) {
        long now = System.nanoTime();
        failures.compute(address, (a, w) -> w == null || now - w.startNanos >= windowNanos
                ? new Window(now, 1) : new Window(w.startNanos, w.failures + 1));
    }

    /** Forgets windows that ended (called periodically). */
    public void evictExpired() {
        long now = System.nanoTime();
        failures.values().removeIf(w -> now - w.startNanos >= windowNanos);
    }
}
