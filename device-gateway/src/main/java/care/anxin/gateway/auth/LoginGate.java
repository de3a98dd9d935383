package care.anxin.gateway.auth;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission of logins to the (small, bounded) auth pool, the same for every device protocol.
 * <ol>
 * <li>a credential that logged in recently goes straight to the pool (no throttle, no per-address cap);</li>
 * <li>a device id or address prefix whose failure bucket is empty gets one verification at a time
 *     per prefix — held for {@code failureHold} after a failed one, so a throttled prefix guesses
 *     about once per hold, while an honest device behind a brute-forced NAT address still gets in
 *     on a retry; others are refused as over the connection rate;</li>
 * <li>otherwise at most {@code maxPerAddress} logins of one address run or wait at once (quota exceeded).</li>
 * </ol>
 * A full pool queue is answered at once as server busy. The check itself never runs for a socket
 * that closed meanwhile, and a wrong secret is counted when it is found, whatever the socket does.
 */
public class LoginGate {

    private static final Logger log = LoggerFactory.getLogger(LoginGate.class);

    /** One CONNECT to check; {@code open} says whether its socket is still there. */
    public record Attempt(String deviceId, byte[] secret, String address, String prefix, BooleanSupplier open) {
    }

    /** The outcome: refused before any check (then {@code result} is a refusal too), or checked. */
    public record Admission<T>(AuthResult result, T detail) {
    }

    private final DeviceAuthenticator authenticator;
    private final RecentLogins recent;
    private final LoginLimiter limiter;
    private final Executor pool;
    private final int maxPerAddress;
    private final long failureHoldMillis;
    private final ConcurrentMap<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Boolean> throttledProbes = new ConcurrentHashMap<>();

    public LoginGate(DeviceAuthenticator authenticator, RecentLogins recent, LoginLimiter limiter, Executor pool,
                     int maxPerAddress, Duration failureHold) {
        this.authenticator = authenticator;
        this.recent = recent;
        this.limiter = limiter;
        this.pool = pool;
        this.maxPerAddress = maxPerAddress;
        this.failureHoldMillis = failureHold.toMillis();
    }

    /**
     * Checks the attempt on the pool and then runs {@code then} there too (blocking work of the
     * protocol, e.g. reading its stored session); completes with a refusal at once when not admitted.
     */
    public <T> CompletableFuture<Admission<T>> check(Attempt a, Function<AuthResult, T> then) {
        if (recent.matches(a.deviceId(), a.secret())) {
            return run(a, then, () -> { });
        }
        if (limiter.throttled(a.deviceId(), a.prefix())) {
            if (throttledProbes.putIfAbsent(a.prefix(), Boolean.TRUE) != null) {
                return refused(LoginRefusal.CONNECTION_RATE_EXCEEDED, "too many failed logins for this device or from "
                        + a.prefix());
            }
            CompletableFuture<Admission<T>> probe = run(a, then, () -> { });
            probe.whenComplete((admission, e) -> {
                boolean failed = admission == null || !admission.result().accepted();
                Executor release = failed ? CompletableFuture.delayedExecutor(failureHoldMillis, TimeUnit.MILLISECONDS)
                        : Runnable::run;
                release.execute(() -> throttledProbes.remove(a.prefix()));
            });
            return probe;
        }
        AtomicInteger n = perAddress.computeIfAbsent(a.address(), k -> new AtomicInteger());
        if (n.incrementAndGet() > maxPerAddress) {
            release(a.address(), n);
            return refused(LoginRefusal.QUOTA_EXCEEDED, "more than " + maxPerAddress + " logins at once from "
                    + a.address());
        }
        return run(a, then, () -> release(a.address(), n));
    }

    /** Logins running or waiting, for metrics. */
    public int pending() {
        return perAddress.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private <T> CompletableFuture<Admission<T>> run(Attempt a, Function<AuthResult, T> then, Runnable done) {
        CompletableFuture<Admission<T>> future = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                try {
                    future.complete(checkNow(a, then));
                } catch (RuntimeException e) {
                    future.complete(new Admission<>(
                            AuthResult.refused(LoginRefusal.SERVER_UNAVAILABLE, "database unavailable: " + e), null));
                } finally {
                    done.run();
                }
            });
        } catch (RejectedExecutionException e) {
            done.run();
            return refused(LoginRefusal.SERVER_BUSY, "login queue full");
        }
        return future;
    }

    private <T> Admission<T> checkNow(Attempt a, Function<AuthResult, T> then) {
        if (!a.open().getAsBoolean()) {
            return new Admission<>(AuthResult.refused(LoginRefusal.SERVER_UNAVAILABLE, "socket closed before the check"),
                    null);
        }
        AuthResult result = authenticator.authenticate(a.deviceId(), a.secret());
        if (result.refusal() == LoginRefusal.BAD_CREDENTIALS) {
            limiter.failed(a.deviceId(), a.prefix());
            log.debug("device={} failed login from {}", a.deviceId(), a.address());
        }
        return new Admission<>(result, result.accepted() ? then.apply(result) : null);
    }

    private void release(String address, AtomicInteger n) {
        if (n.decrementAndGet() <= 0) {
            perAddress.remove(address, n);
        }
    }

    private static <T> CompletableFuture<Admission<T>> refused(LoginRefusal refusal, String detail) {
        return CompletableFuture.completedFuture(new Admission<>(AuthResult.refused(refusal, detail), null));
    }
}
