package care.anxin.store.notify;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on PostgreSQL channels over one dedicated connection and hands each notification's
 * payload to its handler. NOTIFY is a wake-up, not a queue: notifications sent while the
 * connection is down are lost, so consumers register {@link #onConnected} to catch up by polling
 * after every (re)connect.
 */
public final class PgNotificationListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PgNotificationListener.class);
    private static final int POLL_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final DataSource dataSource;
    private final String name;
    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final List<Runnable> connectedHooks = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private volatile boolean connected;
    private Thread thread;

    public PgNotificationListener(DataSource dataSource, String name) {
        this.dataSource = dataSource;
        this.name = name;
    }

    /** Registers a handler; call before {@link #start()}. */
    public PgNotificationListener listen(NotifyChannel channel, Consumer<String> payloadHandler) {
        handlers.computeIfAbsent(channel.sqlName(), c -> new CopyOnWriteArrayList<>()).add(payloadHandler);
        return this;
    }

    /** Runs after every successful (re)connect, so a consumer polls what it may have missed. */
    public PgNotificationListener onConnected(Runnable catchUp) {
        connectedHooks.add(catchUp);
        return this;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "pg-listen-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    public boolean isConnected() {
        return connected;
    }

    private void run() {
        long backoff = 100;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement s = connection.createStatement()) {
                    for (String channel : handlers.keySet()) {
                        s.execute("LISTEN " + channel);
                    }
                }
                connected = true;
                backoff = 100;
                log.debug("{} listening on {}", name, handlers.keySet());
                connectedHooks.forEach(this::runSafely);
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            dispatch(n.getName(), n.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                connected = false;
                if (running) {
                    log.warn("{}: notification connection lost ({}); reconnecting in {} ms", name, e.getMessage(), backoff);
                    sleep(backoff);
                    backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                }
            } catch (RuntimeException e) {
                connected = false;
                log.error("{}: notification loop failed; restarting", name, e);
                sleep(backoff);
            }
        }
        connected = false;
    }

    private void dispatch(String channel, String payload) {
        for (Consumer<String> handler : handlers.getOrDefault(channel, List.of())) {
            try {
                handler.accept(payload);
            } catch (RuntimeException e) {
                log.error("{}: handler for {} failed on payload '{}'", name, channel, payload, e);
            }
        }
    }

    private void runSafely(Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException e) {
            log.error("{}: catch-up after connect failed", name, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            try {
                t.join(POLL_MILLIS * 4L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
