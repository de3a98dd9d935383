package care.anxin.gateway.auth;

import care.anxin.domain.device.DeviceProtocol;
import care.anxin.store.ingest.DeviceDirectory;
import care.anxin.store.ingest.DeviceLogin;
import care.anxin.store.ingest.SessionRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission and checking of logins, the same for every device protocol.
 * <ol>
 * <li>a credential that logged in recently is admitted straight away (no throttle, no per-address cap);</li>
 * <li>a device id or address prefix whose failure bucket is empty gets one check at a time per
 *     prefix — held for {@code failureHold} after a failed one, so a throttled prefix guesses about
 *     once per hold, while an honest device behind a brute-forced NAT address still gets in on a
 *     retry; others are refused as over the connection rate;</li>
 * <li>otherwise at most {@code maxPerAddress} logins of one address wait or run at once (quota exceeded).</li>
 * </ol>
 * Admitted attempts wait in a small bounded queue (full: server busy, answered at once). Worker
 * threads take up to {@link #MAX_BATCH} at a time and read all their devices in one query (a
 * restart's reconnect storm is thousands of logins a second), check the secrets (microseconds),
 * replace the batch's verified legacy hashes in one statement and drop the stored sessions of
 * clean-session logins in one statement: a batch costs a few statements, not one commit per login. A socket that closed while its
 * login waited is never checked; a wrong secret is counted when it is found.
 */
public class LoginGate implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LoginGate.class);
    static final int MAX_BATCH = 256;

    /**
     * One login to check; {@code open} says whether its socket is still there. {@code protocol}: the
     * listener it arrived on (a device is admitted only over its own protocol; WATCH has no secret).
     */
    public record Attempt(DeviceProtocol protocol, String deviceId, byte[] secret, String address, String prefix,
                          boolean cleanSession, BooleanSupplier open) {
    }

    /**
     * The outcome; on success {@code storedSubscription} is the persistent session found (empty when
     * none, or when the login asked for a clean session, which drops it).
     */
    public record Admission(AuthResult result, Optional<Boolean> storedSubscription) {
        static Admission refused(LoginRefusal refusal, String detail) {
            return new Admission(AuthResult.refused(refusal, detail), Optional.empty());
        }
    }

    private record Pending(Attempt attempt, CompletableFuture<Admission> done) {
    }

    private final DeviceAuthenticator authenticator;
    private final DeviceDirectory directory;
    private final SessionRepository sessions;
    private final RecentLogins recent;
    private final LoginLimiter limiter;
    private final int maxPerAddress;
    private final long failureHoldMillis;
    private final BlockingQueue<Pending> queue;
    private final List<Thread> workers = new ArrayList<>();
    private final ConcurrentMap<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Boolean> throttledProbes = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    public LoginGate(DeviceAuthenticator authenticator, DeviceDirectory directory, SessionRepository sessions,
                     RecentLogins recent, LoginLimiter limiter, int threads, int queueCapacity, int maxPerAddress,
                     Duration failureHold) {
        this.authenticator = authenticator;
        this.directory = directory;
        this.sessions = sessions;
        this.recent = recent;
        this.limiter = limiter;
        this.maxPerAddress = maxPerAddress;
        this.failureHoldMillis = failureHold.toMillis();
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::work, "gateway-auth-" + (i + 1));
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
    }

    /** Admits the attempt (or refuses it at once) and completes when it was checked. */
    public CompletableFuture<Admission> check(Attempt a) {
        if (recent.matches(a.deviceId(), a.secret())) {
            return enqueue(a, () -> { });
        }
        if (limiter.throttled(a.deviceId(), a.prefix())) {
            if (throttledProbes.putIfAbsent(a.prefix(), Boolean.TRUE) != null) {
                return CompletableFuture.completedFuture(Admission.refused(LoginRefusal.CONNECTION_RATE_EXCEEDED,
                        "too many failed logins for this device or from " + a.prefix()));
            }
            CompletableFuture<Admission> probe = enqueue(a, () -> { });
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
            return CompletableFuture.completedFuture(Admission.refused(LoginRefusal.QUOTA_EXCEEDED,
                    "more than " + maxPerAddress + " logins at once from " + a.address()));
        }
        return enqueue(a, () -> release(a.address(), n));
    }

    /** Logins waiting for a check, for metrics. */
    public int pending() {
        return queue.size();
    }

    private CompletableFuture<Admission> enqueue(Attempt a, Runnable done) {
        CompletableFuture<Admission> future = new CompletableFuture<>();
        future.whenComplete((r, e) -> done.run());
        if (!running || !queue.offer(new Pending(a, future))) {
            future.complete(Admission.refused(LoginRefusal.SERVER_BUSY, "login queue full"));
        }
        return future;
    }

    private void work() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                checkAll(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Login batch failed: {}", e.toString(), e);
                batch.forEach(p -> p.done().complete(Admission.refused(LoginRefusal.SERVER_UNAVAILABLE, e.toString())));
            } finally {
                batch.clear();
            }
        }
    }

    private void checkAll(List<Pending> batch) {
        List<Pending> live = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            if (p.attempt().open().getAsBoolean()) {
                live.add(p);
            } else {
                p.done().complete(Admission.refused(LoginRefusal.SERVER_UNAVAILABLE, "socket closed before the check"));
            }
        }
        if (live.isEmpty()) {
            return;
        }
        Map<String, DeviceLogin> rows;
        try {
            rows = directory.logins(live.stream().map(p -> p.attempt().deviceId()).distinct().toList());
        } catch (RuntimeException e) {
            live.forEach(p -> p.done().complete(
                    Admission.refused(LoginRefusal.SERVER_UNAVAILABLE, "database unavailable: " + e)));
            return;
        }
        List<String> dropSessions = new ArrayList<>();
        List<DeviceAuthenticator.LegacyLogin> upgrades = new ArrayList<>();
        List<Pending> accepted = new ArrayList<>();
        List<Admission> admissions = new ArrayList<>();
        for (Pending p : live) {
            Attempt a = p.attempt();
            DeviceLogin row = rows.get(a.deviceId());
            AuthResult result = authenticator.check(a.protocol(), a.deviceId(), a.secret(),
                    Optional.ofNullable(row).map(DeviceLogin::credentials), upgrades);
            if (!result.accepted()) {
                if (result.refusal() == LoginRefusal.BAD_CREDENTIALS) {
                    limiter.failed(a.deviceId(), a.prefix());
                }
                p.done().complete(new Admission(result, Optional.empty()));
                continue;
            }
            Optional<Boolean> stored = Optional.ofNullable(row.storedSubscription());
            if (a.cleanSession() && stored.isPresent()) {
                dropSessions.add(a.deviceId());
            }
            accepted.add(p);
            admissions.add(new Admission(result, a.cleanSession() ? Optional.empty() : stored));
        }
        authenticator.upgrade(upgrades);
        try {
            sessions.deleteAll(dropSessions);
        } catch (RuntimeException e) {
            accepted.forEach(p -> p.done().complete(
                    Admission.refused(LoginRefusal.SERVER_UNAVAILABLE, "database unavailable: " + e)));
            return;
        }
        for (int i = 0; i < accepted.size(); i++) {
            accepted.get(i).done().complete(admissions.get(i));
        }
    }

    private void release(String address, AtomicInteger n) {
        if (n.decrementAndGet() <= 0) {
            perAddress.remove(address, n);
        }
    }

    @Override
    public void close() {
        running = false;
        workers.forEach(Thread::interrupt);
        Pending p;
        while ((p = queue.poll()) != null) {
            p.done().complete(Admission.refused(LoginRefusal.SERVER_UNAVAILABLE, "gateway stopping"));
        }
    }
}
