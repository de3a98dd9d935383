package care.anxin.simulator.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a fleet at a bounded pace, whatever the protocol: at most {@code connectsPerSecond}
 * new connections a second and {@code maxPending} logins awaiting their answer, so a login storm
 * does not time itself out. Devices that fail are counted in {@link LoadStats#connectFailures}
 * and left out.
 */
public final class ConnectRamp {

    private static final Logger log = LoggerFactory.getLogger(ConnectRamp.class);

    private ConnectRamp() {
    }

    public static <T> List<T> connectAll(String label, List<DeviceCredential> devices, int connectsPerSecond, int maxPending,
                                         Duration loginTimeout, LoadStats stats,
                                         Function<DeviceCredential, CompletableFuture<T>> connect) throws InterruptedException {
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
            CompletableFuture<T> future = connect.apply(devices.get(i)).orTimeout(loginTimeout.toMillis(), TimeUnit.MILLISECONDS);
            future.whenComplete((c, e) -> pending.release());
            futures.add(future);
        }
        List<T> up = new ArrayList<>(devices.size());
        String firstFailure = null;
        for (CompletableFuture<T> future : futures) {
            try {
                up.add(future.join());
            } catch (RuntimeException e) {
                stats.connectFailures.increment();
                if (firstFailure == null) {
                    Throwable cause = e.getCause() instanceof TimeoutException
                            ? new TimeoutException("no login answer in " + loginTimeout) : e.getCause();
                    firstFailure = String.valueOf(cause == null ? e : cause.getMessage());
                }
            }
        }
        if (firstFailure != null) {
            log.warn("{}: {} of {} devices failed to connect, first: {}", label, devices.size() - up.size(), devices.size(),
                    firstFailure);
        }
        return up;
    }
}
