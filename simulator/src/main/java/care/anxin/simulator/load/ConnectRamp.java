package care.anxin.simulator.load;

import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a fleet at a bounded pace, whatever the protocol: at most {@code connectsPerSecond}
 * new connections a second and {@code maxPending} first logins awaiting their answer, so a login
 * storm does not time itself out. A device that is refused, closed or not answered within
 * {@code loginTimeout} retries like a device's firmware: after 1 s, doubling up to 16 s, with
 * jitter (×0.5-1.5), until {@code loginTimeout} after its first attempt. Every failed attempt is
 * counted by its reason in {@link LoadStats#connectAttemptsFailed}; devices still down at the end
 * in {@link LoadStats#connectFailures} and left out.
 */
final class ConnectRamp<T> {

    private static final Logger log = LoggerFactory.getLogger(ConnectRamp.class);
    private static final long FIRST_RETRY_MILLIS = 1_000;
    private static final long MAX_RETRY_MILLIS = 16_000;

    private final String label;
    private final EventLoopGroup group;
    private final LoadStats stats;
    private final Function<DeviceCredential, CompletableFuture<T>> connect;
    private final String noAnswer;

    /**
     * @param connect  one login attempt (completes with the connection once the server accepted it)
     * @param noAnswer the failure reason of an attempt that timed out ("no CONNACK", "no LK reply")
     */
    ConnectRamp(String label, EventLoopGroup group, LoadStats stats, Function<DeviceCredential, CompletableFuture<T>> connect,
                String noAnswer) {
        this.label = label;
        this.group = group;
        this.stats = stats;
        this.connect = connect;
        this.noAnswer = noAnswer;
    }

    List<T> connectAll(List<DeviceCredential> devices, int connectsPerSecond, int maxPending, Duration loginTimeout)
            throws InterruptedException {
        Semaphore pending = new Semaphore(maxPending);
        List<CompletableFuture<T>> futures = new ArrayList<>(devices.size());
        long started = System.nanoTime();
        long spacingNanos = connectsPerSecond <= 0 ? 0 : 1_000_000_000L / connectsPerSecond;
        for (int i = 0; i < devices.size(); i++) {
            long due = started + i * spacingNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            pending.acquire();
            CompletableFuture<T> done = new CompletableFuture<>();
            attempt(devices.get(i), System.nanoTime() + loginTimeout.toNanos(), loginTimeout, FIRST_RETRY_MILLIS, done,
                    pending::release);
            futures.add(done);
        }
        List<T> up = new ArrayList<>(devices.size());
        String lastFailure = null;
        for (CompletableFuture<T> future : futures) {
            try {
                up.add(future.join());
            } catch (RuntimeException e) {
                stats.connectFailures.increment();
                lastFailure = String.valueOf(e.getCause() == null ? e : e.getCause().getMessage());
            }
        }
        if (!stats.connectAttemptsFailed.isEmpty()) {
            log.warn("{}: {} of {} devices connected; failed login attempts (retried with backoff) by reason: {}{}",
                    label, up.size(), devices.size(), stats.connectAttemptsFailedByReason(),
                    lastFailure == null ? "" : "; gave up on " + (devices.size() - up.size()) + ", last: " + lastFailure);
        }
        return up;
    }

    /** One login of {@code device}; on failure another after {@code backoffMillis} (jittered), until {@code giveUpAt}. */
    private void attempt(DeviceCredential device, long giveUpAt, Duration loginTimeout, long backoffMillis,
                         CompletableFuture<T> done, Runnable firstAnswered) {
        long left = Math.max(1, Math.min(loginTimeout.toNanos(), giveUpAt - System.nanoTime()));
        connect.apply(device).orTimeout(left, TimeUnit.NANOSECONDS).whenComplete((connection, error) -> {
            firstAnswered.run();
            if (error == null) {
                done.complete(connection);
                return;
            }
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            String reason = cause instanceof ConnectRefused refused ? refused.code()
                    : cause instanceof TimeoutException ? noAnswer : "closed or unreachable";
            stats.connectAttemptFailed(reason);
            long delay = (long) (backoffMillis * (0.5 + ThreadLocalRandom.current().nextDouble()));
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) >= giveUpAt) {
                done.completeExceptionally(cause instanceof TimeoutException
                        ? new TimeoutException(noAnswer + " in " + loginTimeout) : cause);
                return;
            }
            stats.connectRetries.increment();
            group.schedule(() -> attempt(device, giveUpAt, loginTimeout, Math.min(MAX_RETRY_MILLIS, backoffMillis * 2),
                    done, () -> { }), delay, TimeUnit.MILLISECONDS);
        });
    }
}
