package care.anxin.alert.dispatch;

import care.anxin.domain.incident.Severity;
import care.anxin.domain.incident.IncidentKind;
import care.anxin.alert.config.AlertProperties;
import care.anxin.alert.incident.AlertMetrics;
import care.anxin.alert.incident.IncidentTexts;
import care.anxin.alert.incident.IncidentWriter;
import care.anxin.alert.incident.JsonText;
import care.anxin.store.alerting.AlertSnapshot;
import care.anxin.store.alerting.IncidentDraft;
import care.anxin.store.alerting.IncidentRepository;
import care.anxin.store.alerting.NotificationRepository;
import care.anxin.store.alerting.OutboundNotification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox. A round claims due rows (SKIP LOCKED, leased as SENDING and committed, so no
 * lock is held while a partner is slow), sends them in parallel, then records each attempt:
 * SENT (first_notified_at on the incident), a retry with exponential backoff and jitter, or DEAD
 * after the maximum attempts, which opens a NOTIFICATION_FAILED incident for operators.
 */
public class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

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
    private final Clock clock;

    public Dispatcher(NotificationRepository notifications, IncidentRepository incidents, IncidentWriter writer,
                      List<NotificationChannel> channels, TransactionTemplate tx, ExecutorService senders,
                      AlertMetrics metrics, JsonText json, AlertProperties.Dispatch settings, Clock clock) {
        this.notifications = notifications;
        this.incidents = incidents;
        this.writer = writer;
        this.channels = channels.stream().collect(Collectors.toMap(NotificationChannel::name, Function.identity()));
        this.tx = tx;
        this.senders = senders;
        this.metrics = metrics;
        this.json = json;
        this.settings = settings;
        this.backoff = new Backoff(settings.backoffBase(), settings.backoffMax(), settings.jitter());
        this.clock = clock;
    }

    /** One round; true when the batch was full. */
    public boolean runOnce() {
        Instant now = clock.instant();
        List<OutboundNotification> claimed = tx.execute(status ->
                notifications.claimDue(now, now.plus(settings.lease()), settings.batchSize()));
        if (claimed == null || claimed.isEmpty()) {
            return false;
        }
        List<Future<?>> sends = new ArrayList<>();
        for (OutboundNotification n : claimed) {
            sends.add(senders.submit(() -> send(n)));
        }
        for (Future<?> f : sends) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (java.util.concurrent.ExecutionException e) {
                log.error("Dispatch task failed", e.getCause());
            }
        }
        return claimed.size() == settings.batchSize();
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
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        DeliveryResult outcome = result;
        tx.executeWithoutResult(status -> record(n, outcome, durationMs));
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
        writer.record(new IncidentDraft(source.elderId(), source.organizationId(), null, IncidentKind.NOTIFICATION_FAILED, Severity.HIGH,
                IncidentTexts.title(IncidentKind.NOTIFICATION_FAILED, source.elderName()), detail, now, now, null, null), detail);
    }
}
