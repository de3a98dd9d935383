package care.anxin.alert.consume;

import care.anxin.alert.config.AlertProperties;
import care.anxin.alert.incident.AlertMetrics;
import care.anxin.store.alerting.DeviceEventRow;
import care.anxin.store.alerting.DirectoryRepository;
import care.anxin.store.alerting.ElderRef;
import care.anxin.store.alerting.EventQueueRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumes the device_event queue. One round = one transaction: claim a batch with FOR UPDATE SKIP
 * LOCKED, apply the rules to each event under a savepoint, mark it processed, commit. Incidents,
 * notifications and the processed mark commit together, so a crash re-delivers the whole batch
 * (at-least-once) and the rules' upserts and idempotency keys make the repeat harmless.
 * An elder's events are handled by one consumer at a time (try-advisory-lock, no waiting): another
 * consumer leaves them for the next round, which keeps their order (a cancel after its fall).
 */
public class EventConsumer {

    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

    private final EventQueueRepository queue;
    private final DirectoryRepository directory;
    private final EventHandler handler;
    private final TransactionTemplate tx;
    private final TransactionTemplate savepoint;
    private final AlertMetrics metrics;
    private final AlertProperties.Events settings;
    private final Clock clock;

    public EventConsumer(EventQueueRepository queue, DirectoryRepository directory, EventHandler handler,
                         TransactionTemplate tx, AlertMetrics metrics, AlertProperties.Events settings, Clock clock) {
        this.queue = queue;
        this.directory = directory;
        this.handler = handler;
        this.tx = tx;
        this.savepoint = new TransactionTemplate(tx.getTransactionManager());
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * One round; true when the batch was full (more is waiting). Events left for another consumer
     * or deferred are picked up by the next wake-up or poll.
     */
    public boolean runOnce() {
        Boolean more = tx.execute(status -> {
            List<DeviceEventRow> batch = queue.claim(settings.batchSize());
            Set<Long> busyElders = new HashSet<>();
            Set<Long> lockedElders = new HashSet<>();
            for (DeviceEventRow e : batch) {
                if (e.elderId() != null && !lockedElders.contains(e.elderId())) {
                    if (busyElders.contains(e.elderId()) || !queue.tryLockElder(e.elderId())) {
                        busyElders.add(e.elderId());
                        continue;
                    }
                    lockedElders.add(e.elderId());
                }
                if (!process(e)) {
                    busyElders.add(e.elderId());
                    lockedElders.remove(e.elderId());
                }
            }
            return batch.size() == settings.batchSize();
        });
        return Boolean.TRUE.equals(more);
    }

    /** Processes one event under a savepoint; false when it was deferred (stays queued). */
    private boolean process(DeviceEventRow e) {
        Instant now = clock.instant();
        try {
            String outcome = savepoint.execute(status -> {
                Optional<ElderRef> elder = e.elderId() == null ? Optional.empty() : directory.elder(e.elderId());
                String result = elder.map(el -> handler.handle(e, el, now)).orElse("ignored");
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
            boolean giveUp = e.attempts() + 1 >= settings.maxAttempts();
            queue.markFailed(e.id(), String.valueOf(ex.getMessage()), giveUp, now);
            metrics.event(e.kindName(), giveUp ? "parked" : "failed");
            log.error("Event {} ({}) failed (attempt {}{})", e.id(), e.kindName(), e.attempts() + 1,
                    giveUp ? ", giving up: kept with last_error" : "", ex);
            return true;
        }
    }
}
