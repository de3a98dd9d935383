package care.anxin.alert.work;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A background loop: runs its task, then sleeps until the interval passes or someone calls
 * {@link #wake()} (a NOTIFY, a commit that queued work). A task returning true has more work and
 * runs again at once. Failures are logged and retried after the interval, never fatal.
 */
public class PollingWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollingWorker.class);

    private final String name;
    private final Duration interval;
    private final BooleanSupplier task;
    private final Semaphore wakeups = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public PollingWorker(String name, Duration interval, BooleanSupplier task) {
        this.name = name;
        this.interval = interval;
        this.task = task;
    }

    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::loop, "anxin-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            boolean more = false;
            try {
                more = task.getAsBoolean();
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("{}: round failed, retrying in {}", name, interval, e);
                }
            }
            if (!more) {
                try {
                    wakeups.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeups.drainPermits();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
