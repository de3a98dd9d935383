package care.anxin.monitoring.live;

import care.anxin.store.notify.NotifyChannel;
import care.anxin.store.console.AlertQueries;
import care.anxin.store.notify.PgNotificationListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One LISTEN alert_changed connection per service instance. Each notification ("alertId,orgId")
 * loads the alert once and hands it to the {@link AlertStreamHub} on a single fan-out thread (so
 * events keep their order); repeated notifications for an alert still waiting are coalesced, as
 * the load reads the latest state anyway.
 */
@Component
public class AlertChangeListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertChangeListener.class);

    private final DataSource dataSource;
    private final AlertQueries alerts;
    private final AlertStreamHub hub;
    private final Set<Long> pending = ConcurrentHashMap.newKeySet();
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
        dispatcher = Executors.newSingleThreadExecutor(r -> {
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
        long alertId;
        try {
            alertId = Long.parseLong(payload.substring(0, payload.indexOf(',') < 0 ? payload.length()
                    : payload.indexOf(',')).trim());
        } catch (NumberFormatException e) {
            log.warn("Ignoring malformed alert_changed payload '{}'", payload);
            return;
        }
        if (!pending.add(alertId)) {
            return;
        }
        long received = System.nanoTime();
        dispatcher.execute(() -> {
            pending.remove(alertId);
            try {
                alerts.findForFanOut(alertId).ifPresent(hub::publish);
            } catch (RuntimeException e) {
                log.error("Could not stream change of alert {}; clients will resync", alertId, e);
                hub.resyncAll();
            }
            fanOut.record(System.nanoTime() - received, TimeUnit.NANOSECONDS);
        });
    }

    /** After a reconnect, notifications sent meanwhile are lost: every client reloads. */
    private void onConnected() {
        if (connectedBefore.getAndSet(true)) {
            log.info("alert_changed listener reconnected; asking live clients to resync");
            dispatcher.execute(hub::resyncAll);
        }
    }
}
