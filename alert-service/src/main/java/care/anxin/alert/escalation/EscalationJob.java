package care.anxin.alert.escalation;

import care.anxin.store.alerting.EscalationState;
import care.anxin.store.alerting.IncidentRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires due escalation steps and reminders. Due incidents are claimed with FOR UPDATE SKIP LOCKED,
 * so several alert-service instances share the work and never fire the same timer twice; the
 * idempotency keys of the outbox are a second guard.
 */
public class EscalationJob {

    private static final int BATCH = 50;

    private final IncidentRepository incidents;
    private final Escalator escalator;
    private static final Logger log = LoggerFactory.getLogger(EscalationJob.class);

    private final TransactionTemplate tx;
    private final TransactionTemplate nested;
    private final Clock clock;

    public EscalationJob(IncidentRepository incidents, Escalator escalator, TransactionTemplate tx, Clock clock) {
        this.incidents = incidents;
        this.escalator = escalator;
        this.tx = tx;
        this.nested = new TransactionTemplate(tx.getTransactionManager());
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
    }

    /** One round; true when the batch was full (more may be due). */
    public boolean runOnce() {
        Integer handled = tx.execute(status -> {
            Instant now = clock.instant();
            List<EscalationState> due = incidents.claimDueTimers(now, BATCH);
            for (EscalationState s : due) {
                try {
                    nested.executeWithoutResult(inner -> escalator.advance(s, now));
                } catch (RuntimeException e) {
                    // The savepoint is rolled back; the timer stays due and is retried next round.
                    log.error("Escalation of incident {} failed", s.id(), e);
                }
            }
            return due.size();
        });
        return handled != null && handled == BATCH;
    }
}
