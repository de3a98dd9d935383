package care.anxin.alert.consume;

import care.anxin.alert.config.AlertProperties;
import care.anxin.alert.incident.AlertMetrics;
import care.anxin.alert.work.Backoff;
import care.anxin.store.alerting.DeviceEventRow;
import care.anxin.store.alerting.DirectoryRepository;
import care.anxin.store.alerting.ElderRef;
import care.anxin.store.alerting.EventQueueRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumes one lane of the device_event queue: urgent (SOS, FALL, FALL_CANCELLED) or the rest; each
 * lane has its own worker thread, so nothing queued in the other lane delays an SOS. One round =
 * one transaction: claim a batch with FOR UPDATE SKIP LOCKED, apply the rules to each event under a
 * savepoint, mark it processed, commit. Incidents, notifications and the processed mark commit
 * together, so a crash re-delivers the whole batch (at-least-once) and the rules' upserts and
 * idempotency keys make the repeat harmless.
 * <p>
 * An elder's events of a lane are handled by one consumer at a time (try-advisory-lock, no
 * waiting): another consumer leaves them for the next round, which keeps their order. A failing
 * event is retried with backoff; an urgent one forever, any other is parked after max-attempts.
 * The non-urgent lane first coalesces abnormal vitals and applies each device's event budget
 * ({@link VitalCoalescing}, {@link DeviceEventBudget}).
 */
public class EventConsumer {

    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

    private final boolean urgent;
    private final EventQueueRepository queue;
    private final DirectoryRepository directory;
    private final EventHandler handler;
    private final TransactionTemplate tx;
    private final TransactionTemplate savepoint;
    private final AlertMetrics metrics;
    private final AlertProperties.Events settings;
    private final Backoff backoff;
    private final DeviceEventBudget budget;
    private final Clock clock;

    public EventConsumer(boolean urgent, EventQueueRepository queue, DirectoryRepository directory, EventHandler handler,
                         TransactionTemplate tx, AlertMetrics metrics, AlertProperties.Events settings, Clock clock) {
        this.urgent = urgent;
        this.queue = queue;
        this.directory = directory;
        this.handler = handler;
        this.tx = tx;
        this.savepoint = new TransactionTemplate(tx.getTransactionManager());
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.metrics = metrics;
        this.settings = settings;
        this.backoff = new Backoff(settings.retryBase(), settings.retryMax(), 0.2);
        this.budget = new DeviceEventBudget(settings.devicePerMinute());
        this.clock = clock;
    }

    /**
     * One round; true when the batch was full (more is waiting). Events left for another consumer
     * or deferred are picked up by the next wake-up or poll.
     */
    public boolean runOnce() {
        Boolean more = tx.execute(status -> {
            Instant now = clock.instant();
            List<DeviceEventRow> batch = queue.claim(urgent, settings.batchSize(), now);
            // Only the events of elders this consumer holds are worked on (the rest wait for their holder).
            Set<Long> lockedElders = new HashSet<>();
            Set<Long> busyElders = new HashSet<>();
            List<DeviceEventRow> mine = new ArrayList<>();
            for (DeviceEventRow e : batch) {
                if (e.elderId() == null || lockedElders.contains(e.elderId())) {
                    mine.add(e);
                } else if (!busyElders.contains(e.elderId())) {
                    if (queue.tryLockElder(urgent, e.elderId())) {
                        lockedElders.add(e.elderId());
                        mine.add(e);
                    } else {
                        busyElders.add(e.elderId());
                    }
                }
            }
            Map<Long, Integer> weights = new HashMap<>();
            List<DeviceEventRow> work = urgent ? mine : admit(mine, weights, now);
            Set<Long> deferredElders = new HashSet<>();
            for (DeviceEventRow e : work) {
                if (e.elderId() != null && deferredElders.contains(e.elderId())) {
                    continue; // keeps the elder's order: nothing after a deferred event this round
                }
                if (!process(e, weights.getOrDefault(e.id(), 1))) {
                    deferredElders.add(e.elderId());
                }
            }
            return batch.size() == settings.batchSize();
        });
        return Boolean.TRUE.equals(more);
    }

    /** Non-urgent lane: coalesces abnormal vitals per elder and code, then drops what exceeds a device's budget (kept, marked). */
    private List<DeviceEventRow> admit(List<DeviceEventRow> batch, Map<Long, Integer> weights, Instant now) {
        VitalCoalescing.Result coalesced = VitalCoalescing.of(batch);
        coalesced.merged().forEach((keptId, merged) -> {
            weights.put(keptId, merged.size() + 1);
            queue.markSkipped(merged.stream().map(DeviceEventRow::id).toList(), "coalesced into event " + keptId, now);
            merged.forEach(e -> metrics.event(e.kindName(), "coalesced"));
        });
        DeviceEventBudget.Split split = budget.admit(coalesced.kept(), now);
        if (!split.over().isEmpty()) {
            queue.markSkipped(split.over().stream().map(DeviceEventRow::id).toList(),
                    "over the device's event budget (" + settings.devicePerMinute() + "/min)", now);
            split.over().forEach(e -> metrics.event(e.kindName(), "rate_limited"));
            log.warn("{} event(s) over their device's budget of {}/min were stored but raise nothing",
                    split.over().size(), settings.devicePerMinute());
        }
        return split.admitted();
    }

    /** Processes one event under a savepoint; false when it was deferred (stays queued). */
    private boolean process(DeviceEventRow e, int events) {
        Instant now = clock.instant();
        try {
            String outcome = savepoint.execute(status -> {
                Optional<ElderRef> elder = e.elderId() == null ? Optional.empty() : directory.elder(e.elderId());
                String result = elder.map(el -> handler.handle(e, el, now, events)).orElse("ignored");
                queue.markProcessed(e.id(), now);
                return result;
            });
            metrics.event(e.kindName(), outcome);
            if ("ignored".equals(outcome)) {
                log.info("Event {} ({}) of elder {} needs no incident or has no known elder", e.id(), e.kindName(), e.elderId());
            }
            return true;
        } catch (DeferredEvent d) {
            metrics.event(e.kindName(), "deferred");
            log.debug("Event {} deferred: {}", e.id(), d.getMessage());
            return false;
        } catch (RuntimeException ex) {
            int attempt = e.attempts() + 1;
            String error = String.valueOf(ex.getMessage());
            // An SOS is never given up: it is retried with backoff until it becomes an incident.
            if (!urgent && attempt >= settings.maxAttempts()) {
                queue.markParked(e.id(), error, now);
                metrics.event(e.kindName(), "parked");
                log.error("Event {} ({}) failed (attempt {}), parked with its error for an admin", e.id(), e.kindName(), attempt, ex);
            } else {
                Instant next = now.plus(backoff.delayAfter(attempt));
                queue.markRetry(e.id(), error, next);
                metrics.event(e.kindName(), "failed");
                log.error("Event {} ({}) failed (attempt {}), retry at {}", e.id(), e.kindName(), attempt, next, ex);
            }
            return true;
        }
    }
}
