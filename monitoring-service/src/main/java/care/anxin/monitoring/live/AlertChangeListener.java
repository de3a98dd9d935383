package care.anxin.monitoring.live;

import care.anxin.domain.incident.IncidentKind;
import care.anxin.store.notify.NotifyChannel;
import care.anxin.store.console.AlertQueries;
import care.anxin.store.notify.PgNotificationListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One LISTEN alert_changed connection per service instance. Each notification ("alertId,orgId,kind")
 * loads the alert once and hands it to the {@link AlertStreamHub} on a single fan-out thread (so
 * events keep their order); repeated notifications for an alert still waiting are coalesced, as
 * the load reads the latest state anyway. Urgent incidents (SOS, FALL, phoned-in emergencies) go
 * ahead of everything waiting: a flood of vital-sign incident changes never delays an SOS on the
 * board (ARCHITECTURE: urgent lanes at every hop).
 */
@Component
public class AlertChangeListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertChangeListener.class);

    private final DataSource dataSource;
    private final AlertQueries alerts;
    private final AlertStreamHub hub;
    private final Set<Long> pending = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicBoolean connectedBefore = new AtomicBoolean();
    private final Timer fanOut;
    private ExecutorService dispatcher;
    private PgNotificationListener listener;
    private volatile boolean running;

    public AlertChangeListener(DataSource dataSource, AlertQueries alerts, AlertStreamHub hub, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.alerts = alerts;
        this.hub = hub;
        this.fanOut = Timer.builder("anxin.stream.fanout")
                .description("from alert_changed notification to events written to every stream")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    @Override
    public synchronized void start() {
        // One thread; its queue orders urgent changes first, then by arrival.
        dispatcher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "alert-fanout");
            t.setDaemon(true);
            return t;
        });
        listener = new PgNotificationListener(dataSource, "monitoring-alerts")
                .listen(NotifyChannel.ALERT_CHANGED, this::onNotification)
                .onConnected(this::onConnected);
        listener.start();
        running = true;
    }

    /** Runs before the web server's graceful shutdown, which would otherwise wait for the open streams. */
    @Override
    public synchronized void stop() {
        running = false;
        if (listener != null) {
            listener.close();
        }
        hub.completeAll();
        if (dispatcher != null) {
            dispatcher.shutdown();
            try {
                dispatcher.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    public boolean isListening() {
        return listener != null && listener.isConnected();
    }

    private void onNotification(String payload) {
        String[] fields = payload.split(",", 3);
        long alertId;
        try {
            alertId = Long.parseLong(fields[0].trim());
        } catch (NumberFormatException e) {
            log.warn("Ignoring malformed alert_changed payload '{}'", payload);
            return;
        }
        boolean urgent = fields.length == 3 && IncidentKind.fromName(fields[2].trim()).map(IncidentKind::urgent)
                .orElse(false);
        if (!pending.add(alertId)) {
            return;
        }
        long received = System.nanoTime();
        dispatcher.execute(new FanOut(urgent, sequence.incrementAndGet(), () -> {
            pending.remove(alertId);
            try {
                alerts.findForFanOut(alertId).ifPresent(hub::publish);
            } catch (RuntimeException e) {
                log.error("Could not stream change of alert {}; clients will resync", alertId, e);
                hub.resyncAll();
            }
            fanOut.record(System.nanoTime() - received, TimeUnit.NANOSECONDS);
        }));
    }

    /**
     * Notifications sent while not listening are lost: every client reloads. That includes the first
     * connect — the web server takes streams before this listener is up, and a board that loaded its
     * list in that window would otherwise miss an SOS until something else changed.
     */
    private void onConnected() {
        if (connectedBefore.getAndSet(true)) {
            log.info("alert_changed listener reconnected; asking live clients to resync");
        }
        dispatcher.execute(new FanOut(true, sequence.incrementAndGet(), hub::resyncAll));
    }

    /** A queued fan-out task: urgent ones first, then in arrival order. */
    private record FanOut(boolean urgent, long seq, Runnable work) implements Runnable, Comparable<FanOut> {
        @Override
        public void run() {
            work.run();
        }

        @Override
        public int compareTo(FanOut other) {
            if (urgent != other.urgent) {
                return urgent ? -1 : 1;
            }
            return Long.compare(seq, other.seq);
        }
    }
}
