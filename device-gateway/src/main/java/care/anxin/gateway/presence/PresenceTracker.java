package care.anxin.gateway.presence;

import care.anxin.domain.event.PresenceChange;
import care.anxin.gateway.session.DeviceSession;
import care.anxin.gateway.session.SessionRegistry;
import care.anxin.store.ingest.DeviceCredentials;
import care.anxin.store.ingest.PresenceRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online/offline: DEVICE_ONLINE when a device connects (not when it merely reconnects within the
 * grace period, takes over its own session or moves from another gateway), DEVICE_OFFLINE only if
 * it stays away for the grace period. Connections are written in batches ({@link #FLUSH_MILLIS}
 * apart, one transaction each: a reconnect storm must not cost a commit per device); writes run on
 * the scheduler and are retried while the database is down.
 */
public class PresenceTracker {

    private static final Logger log = LoggerFactory.getLogger(PresenceTracker.class);
    private static final int MAX_ATTEMPTS = 30;
    static final long FLUSH_MILLIS = 50;
    private static final int MAX_BATCH = 2000;

    private final PresenceRepository repository;
    private final SessionRegistry registry;
    private final ScheduledExecutorService scheduler;
    private final String node;
    private final Duration grace;
    private final Clock clock;
    private final ConcurrentMap<String, ScheduledFuture<?>> pendingOffline = new ConcurrentHashMap<>();
    /** Connections not yet written, newest per device. */
    private final ConcurrentMap<String, PresenceRepository.Online> pendingOnline = new ConcurrentHashMap<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();

    public PresenceTracker(PresenceRepository repository, SessionRegistry registry, ScheduledExecutorService scheduler,
                           String node, Duration grace, Clock clock) {
        this.repository = repository;
        this.registry = registry;
        this.scheduler = scheduler;
        this.node = node;
        this.grace = grace;
        this.clock = clock;
    }

    public void connected(DeviceSession session, boolean tookOver) {
        ScheduledFuture<?> pending = pendingOffline.remove(session.deviceId());
        boolean backWithinGrace = pending != null && pending.cancel(false);
        boolean event = !tookOver && !backWithinGrace;
        pendingOnline.merge(session.deviceId(),
                new PresenceRepository.Online(session.deviceId(), session.elderId(), session.connectedAt(), event),
                (older, newer) -> new PresenceRepository.Online(newer.deviceId(), newer.elderId(), newer.at(),
                        older.event() || newer.event()));
        if (flushScheduled.compareAndSet(false, true)) {
            scheduler.schedule(this::flushOnline, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void flushOnline() {
        flushScheduled.set(false);
        List<PresenceRepository.Online> batch = new ArrayList<>();
        for (String id : List.copyOf(pendingOnline.keySet())) {
            PresenceRepository.Online o = pendingOnline.remove(id);
            if (o != null) {
                batch.add(o);
            }
            if (batch.size() >= MAX_BATCH) {
                break;
            }
        }
        if (!pendingOnline.isEmpty() && flushScheduled.compareAndSet(false, true)) {
            scheduler.execute(this::flushOnline);
        }
        if (!batch.isEmpty()) {
            PresenceChange payload = payload("connect");
            retrying("online of " + batch.size() + " devices", () -> repository.online(batch, node, payload), 1);
        }
    }

    public void disconnected(DeviceSession session) {
        Instant at = clock.instant();
        String reason = session.endReason();
        String deviceId = session.deviceId();
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        self[0] = scheduler.schedule(() -> {
            pendingOffline.remove(deviceId, self[0]);
            if (registry.get(deviceId).isEmpty()) {
                offline(deviceId, session.elderId(), session.connectedAt(), at, reason, 1);
            }
        }, grace.toMillis(), TimeUnit.MILLISECONDS);
        ScheduledFuture<?> previous = pendingOffline.put(deviceId, self[0]);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    /** After a restart: devices this node held before are offline unless they come back within the grace. */
    public void releaseHeldBefore(Instant startedAt) {
        scheduler.schedule(() -> {
            try {
                for (DeviceCredentials d : repository.heldOnlineBefore(node, startedAt)) {
                    if (registry.get(d.deviceId()).isEmpty()) {
                        offline(d.deviceId(), d.elderId(), startedAt, clock.instant(), "disconnect", 1);
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Cannot check devices held before restart: {}", e.toString());
            }
        }, grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void offline(String deviceId, Long elderId, Instant connectedAt, Instant at, String reason, int attempt) {
        retrying("offline " + deviceId, () -> {
            if (repository.offline(deviceId, elderId, node, connectedAt, at, payload(reason))) {
                log.info("device={} offline ({})", deviceId, reason);
            }
        }, attempt);
    }

    private void retrying(String what, Runnable write, int attempt) {
        scheduler.execute(() -> {
            try {
                write.run();
            } catch (RuntimeException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    log.error("Giving up presence write {} after {} attempts: {}", what, attempt, e.toString());
                    return;
                }
                log.warn("Presence write {} failed (attempt {}), retrying: {}", what, attempt, e.toString());
                long delay = Math.min(10_000, 100L << Math.min(attempt, 7));
                scheduler.schedule(() -> retrying(what, write, attempt + 1), delay, TimeUnit.MILLISECONDS);
            }
        });
    }

    private PresenceChange payload(String reason) {
        return new PresenceChange(reason, node);
    }
}
