package care.anxin.gateway.downlink;

import care.anxin.domain.wire.DeviceCommand;
import care.anxin.store.notify.NotifyChannel;
import care.anxin.gateway.session.DeviceSession;
import care.anxin.gateway.session.SessionRegistry;
import care.anxin.gateway.ops.GatewayMetrics;
import care.anxin.store.ingest.CommandRepository;
import care.anxin.store.ingest.PendingCommand;
import care.anxin.store.notify.PgNotificationListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Downlink: commands queued in device_command are sent (in order, through the session's protocol
 * link) to devices connected to THIS node and subscribed to commands; their acknowledgement marks
 * them DELIVERED.
 * Triggered by NOTIFY device_command, on (re)subscribe, after the listener reconnects, and by a
 * periodic safety-net poll. Undelivered commands (QUEUED or SENT) are re-sent after reconnect.
 */
public class CommandDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

    private final CommandRepository repository;
    private final SessionRegistry registry;
    private final CommandMapper mapper;
    private final GatewayMetrics metrics;
    private final ScheduledExecutorService scheduler;
    private final Executor db;
    /** Devices with a command read queued: a burst of triggers costs one read per device. */
    private final Set<String> dispatchQueued = ConcurrentHashMap.newKeySet();
    private final DataSource dataSource;
    private final Duration pollInterval;
    private final int maxAttempts;
    private volatile PgNotificationListener listener;
    private volatile boolean running;

    public CommandDispatcher(CommandRepository repository, SessionRegistry registry, CommandMapper mapper,
                             GatewayMetrics metrics, ScheduledExecutorService scheduler, Executor db,
                             DataSource dataSource, Duration pollInterval, int maxAttempts) {
        this.repository = repository;
        this.registry = registry;
        this.mapper = mapper;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.db = db;
        this.dataSource = dataSource;
        this.pollInterval = pollInterval;
        this.maxAttempts = maxAttempts;
    }

    /** Whether the LISTEN connection is up (health). */
    public boolean listening() {
        PgNotificationListener l = listener;
        return l != null && l.isConnected();
    }

    /** Sends the device's pending commands (after SUBSCRIBE, a resumed session or a NOTIFY). */
    public void dispatch(DeviceSession session) {
        String id = session.deviceId();
        if (!dispatchQueued.add(id)) {
            return;
        }
        boolean queued = submit("read commands of " + id, () -> {
            dispatchQueued.remove(id);
            try {
                deliver(session, repository.pending(List.of(id)));
            } catch (RuntimeException e) {
                log.warn("device={} cannot read pending commands: {}", id, e.toString());
            }
        });
        if (!queued) {
            dispatchQueued.remove(id);
        }
    }

    /** The device acknowledged a command PUBLISH. Event loop of the session. */
    public void acknowledged(DeviceSession session, Long commandId) {
        metrics.commandOut("delivered");
        submit("mark command " + commandId + " delivered", () -> {
            try {
                repository.markDelivered(commandId);
            } catch (RuntimeException e) {
                // It stays SENT and is re-sent after the next reconnect; the device dedups by cmdId.
                log.warn("device={} command {} delivered but not marked: {}", session.deviceId(), commandId, e.toString());
            }
        });
    }

    private void onNotify(String deviceId) {
        registry.get(deviceId).filter(DeviceSession::subscribed).ifPresent(this::dispatch);
    }

    private void pollAll() {
        submit("command poll", () -> {
            try {
                repository.retire(maxAttempts);
                Map<String, DeviceSession> subscribed = registry.all().stream().filter(DeviceSession::subscribed)
                        .collect(Collectors.toMap(DeviceSession::deviceId, s -> s, (a, b) -> b));
                if (subscribed.isEmpty()) {
                    return;
                }
                Map<String, List<PendingCommand>> byDevice = repository.pending(subscribed.keySet()).stream()
                        .collect(Collectors.groupingBy(PendingCommand::deviceId));
                byDevice.forEach((id, commands) -> deliver(subscribed.get(id), commands));
            } catch (RuntimeException e) {
                log.warn("Command poll failed: {}", e.toString());
            }
        });
    }

    private void deliver(DeviceSession session, List<PendingCommand> commands) {
        if (commands.isEmpty()) {
            return;
        }
        session.channel().eventLoop().execute(() -> {
            if (!session.channel().isActive() || registry.get(session.deviceId()).orElse(null) != session) {
                return;
            }
            for (PendingCommand c : commands) {
                if (session.link().commandInFlight(c.id())) {
                    continue;
                }
                Optional<DeviceCommand> wire = mapper.toWire(c);
                if (wire.isEmpty() || !session.link().sendCommand(c.id(), wire.get())) {
                    log.warn("device={} command {} of kind {} cannot be sent over {}; marked FAILED", c.deviceId(),
                            c.id(), c.kind(), session.link().protocol());
                    metrics.commandOut("failed");
                    submit("mark command " + c.id() + " failed", () -> repository.markFailed(c.id()));
                    continue;
                }
                metrics.commandOut("sent");
                submit("mark command " + c.id() + " sent", () -> markSent(c.id()));
            }
            session.link().flush();
        });
    }

    /**
     * Database work on the bounded downlink pool; when it is full the work is dropped and counted
     * ({@code rejects{reason=downlink_busy}}): commands stay QUEUED/SENT in the table and the
     * periodic poll (or the device's next connection) picks them up.
     */
    private boolean submit(String what, Runnable work) {
        try {
            db.execute(work);
            return true;
        } catch (RejectedExecutionException e) {
            metrics.reject("downlink_busy");
            log.warn("Downlink pool full, skipped: {}", what);
            return false;
        }
    }

    private void markSent(long commandId) {
        try {
            repository.markSent(commandId);
        } catch (RuntimeException e) {
            log.warn("Command {} sent but not marked SENT: {}", commandId, e.toString());
        }
    }

    @Override
    public void start() {
        PgNotificationListener l = new PgNotificationListener(dataSource, "gateway-downlink");
        l.listen(NotifyChannel.DEVICE_COMMAND, this::onNotify);
        l.onConnected(this::pollAll);
        l.start();
        listener = l;
        long every = pollInterval.toMillis();
        scheduler.scheduleWithFixedDelay(this::pollAll, every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        PgNotificationListener l = listener;
        if (l != null) {
            l.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
