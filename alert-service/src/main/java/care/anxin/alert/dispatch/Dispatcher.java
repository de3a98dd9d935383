package care.anxin.alert.dispatch;

import care.anxin.alert.config.AlertProperties;
import care.anxin.alert.incident.AlertMetrics;
import care.anxin.alert.incident.IncidentTexts;
import care.anxin.alert.incident.IncidentWriter;
import care.anxin.alert.incident.JsonText;
import care.anxin.alert.work.Backoff;
import care.anxin.domain.incident.IncidentKind;
import care.anxin.domain.incident.Severity;
import care.anxin.store.alerting.AlertSnapshot;
import care.anxin.store.alerting.IncidentDraft;
import care.anxin.store.alerting.IncidentRepository;
import care.anxin.store.alerting.NotificationRepository;
import care.anxin.store.alerting.OutboundNotification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends one lane of the outbox ({@link DispatchLane}). A round claims due rows (SKIP LOCKED, leased
 * as SENDING and committed, so no lock is held while a partner is slow) — only as many as the
 * lane has free senders, and none for an endpoint whose bulkhead is full or whose circuit is open
 * ({@link EndpointCircuits}) — and hands them to the lane's senders without waiting for them: a
 * slow endpoint occupies at most its bulkhead, never the round. Each attempt is then recorded:
 * SENT (first_notified_at on the incident), a retry with exponential backoff and jitter, or DEAD
 * after the maximum attempts, which opens a NOTIFICATION_FAILED incident for operators.
 */
public class Dispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final DispatchLane lane;
    private final NotificationRepository notifications;
    private final IncidentRepository incidents;
    private final IncidentWriter writer;
    private final Map<String, NotificationChannel> channels;
    private final TransactionTemplate tx;
    private final ExecutorService senders;
    private final AlertMetrics metrics;
    private final JsonText json;
    private final AlertProperties.Dispatch settings;
    private final Backoff backoff;
    private final EndpointCircuits circuits;
    private final Clock clock;
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
    private volatile Runnable onSent = () -> { };

    public Dispatcher(DispatchLane lane, NotificationRepository notifications, IncidentRepository incidents,
                      IncidentWriter writer, List<NotificationChannel> channels, TransactionTemplate tx,
                      AlertMetrics metrics, JsonText json, AlertProperties.Dispatch settings, Clock clock) {
        this.lane = lane;
        this.notifications = notifications;
        this.incidents = incidents;
        this.writer = writer;
        this.channels = channels.stream().collect(Collectors.toMap(NotificationChannel::name, Function.identity()));
        this.tx = tx;
        this.senders = Executors.newFixedThreadPool(lane.senders(), runnable -> {
            Thread t = new Thread(runnable, "anxin-send-" + lane.name());
            t.setDaemon(true);
            return t;
        });
        this.metrics = metrics;
        this.json = json;
        this.settings = settings;
        this.backoff = new Backoff(settings.backoffBase(), settings.backoffMax(), settings.jitter());
        this.circuits = new EndpointCircuits(settings.circuitFailures(), settings.circuitOpenFor(), clock);
        this.clock = clock;
    }

    public DispatchLane lane() {
        return lane;
    }

    /** Called after each finished send (the lane's worker wakes: a sender and maybe an endpoint are free). */
    public void onSent(Runnable callback) {
        this.onSent = callback;
    }

    /** One round; true when more may be claimable right now. */
    public boolean runOnce() {
        int free = lane.senders() - inFlight.values().stream().mapToInt(Integer::intValue).sum();
        if (free <= 0) {
            return false;
        }
        Set<String> blocked = new HashSet<>(circuits.open());
        inFlight.forEach((endpoint, n) -> {
            if (n >= lane.perEndpoint()) {
                blocked.add(endpoint);
            }
        });
        Instant now = clock.instant();
        int limit = Math.min(free, settings.batchSize());
        List<OutboundNotification> claimed = tx.execute(status -> notifications.claimDue(now, now.plus(settings.lease()),
                limit, lane.channels(), lane.include(), blocked));
        if (claimed == null || claimed.isEmpty()) {
            return false;
        }
        for (OutboundNotification n : claimed) {
            String endpoint = n.endpointKey();
            inFlight.merge(endpoint, 1, Integer::sum);
            circuits.started(endpoint);
            try {
                senders.execute(() -> {
                    try {
                        send(n);
                    } finally {
                        inFlight.computeIfPresent(endpoint, (k, c) -> c <= 1 ? null : c - 1);
                        onSent.run();
                    }
                });
            } catch (RejectedExecutionException stopping) {
                inFlight.computeIfPresent(endpoint, (k, c) -> c <= 1 ? null : c - 1);
                return false; // the lease expires and the row is claimed again after a restart
            }
        }
        return claimed.size() == limit;
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }

    private void send(OutboundNotification n) {
        NotificationChannel channel = channels.get(n.channel());
        long started = System.nanoTime();
        DeliveryResult result;
        try {
            result = channel == null ? DeliveryResult.permanent(null, "no channel " + n.channel() + " configured")
                    : channel.deliver(n);
        } catch (RuntimeException e) {
            result = DeliveryResult.retry(null, "channel error: " + e);
        }
        if (result.success() || !result.retryable()) {
            circuits.succeeded(n.endpointKey()); // it answered: a refusal is about this request, not the endpoint
        } else if (circuits.failed(n.endpointKey())) {
            log.warn("Endpoint {} failed {} times in a row: circuit open for {}", n.endpointKey(),
                    settings.circuitFailures(), settings.circuitOpenFor());
        }
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        DeliveryResult outcome = result;
        try {
            tx.executeWithoutResult(status -> record(n, outcome, durationMs));
        } catch (RuntimeException e) {
            log.error("Cannot record the attempt of notification {} (its lease expires and it is sent again)", n.id(), e);
        }
    }

    private void record(OutboundNotification n, DeliveryResult r, long durationMs) {
        Instant now = clock.instant();
        notifications.recordAttempt(n.id(), now, r.success(), r.statusCode(), r.error(), durationMs);
        if (r.success()) {
            if (notifications.markSent(n.id(), now)) {
                metrics.notification(n.channel(), "sent");
                metrics.dispatchLatency(n.channel(), Duration.between(n.createdAt(), now).abs());
                if (n.alertId() != null && !n.channel().equals("DOWNLINK")) {
                    incidents.markFirstNotified(n.alertId(), now);
                }
            }
            return;
        }
        if (r.retryable() && n.attempt() < settings.maxAttempts()) {
            Instant next = now.plus(backoff.delayAfter(n.attempt()));
            notifications.scheduleRetry(n.id(), next, r.error());
            metrics.notification(n.channel(), "failed");
            log.warn("Notification {} ({} to {}) attempt {} failed: {}; retry at {}", n.id(), n.channel(), n.recipient(),
                    n.attempt(), r.error(), next);
            return;
        }
        if (notifications.markDead(n.id(), r.error())) {
            metrics.notification(n.channel(), "dead");
            log.error("Notification {} ({} to {}) is DEAD after {} attempt(s): {}", n.id(), n.channel(), n.recipient(),
                    n.attempt(), r.error());
            if (n.alertId() != null) {
                raiseFailure(n, r, now);
            }
        }
    }

    /** A dead notification becomes visible: timeline entry on its incident and a NOTIFICATION_FAILED incident. */
    private void raiseFailure(OutboundNotification n, DeliveryResult r, Instant now) {
        incidents.addAction(n.alertId(), now, "NOTIFICATION_DEAD", json.of(json.object().put("notificationId", n.id())
                .put("channel", n.channel()).put("recipient", n.recipient()).put("attempts", n.attempt()).put("error", r.error())));
        AlertSnapshot source = incidents.snapshot(n.alertId()).orElse(null);
        if (source == null) {
            return;
        }
        String detail = json.of(json.object().put("failedAlertId", source.id()).put("failedAlertKind", source.kind().name())
                .put("notificationId", n.id()).put("channel", n.channel()).put("recipient", n.recipient())
                .put("error", r.error()));
        writer.record(new IncidentDraft(source.elderId(), source.organizationId(), null, IncidentKind.NOTIFICATION_FAILED,
                Severity.HIGH, IncidentTexts.title(IncidentKind.NOTIFICATION_FAILED, source.elderName()), detail, now, now,
                null, null), detail);
    }
}
