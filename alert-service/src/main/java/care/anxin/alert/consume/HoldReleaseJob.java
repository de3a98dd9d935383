package care.anxin.alert.consume;

import care.anxin.store.alerting.Hold;
import care.anxin.store.alerting.HoldRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/** Pages held falls whose cancel window passed. Holds are claimed with SKIP LOCKED: one service releases each. */
public class HoldReleaseJob {

    private static final Logger log = LoggerFactory.getLogger(HoldReleaseJob.class);
    private static final int BATCH = 50;

    private final HoldRepository holds;
    private final UrgentEvents urgent;
    private final TransactionTemplate tx;
    private final Clock clock;

    public HoldReleaseJob(HoldRepository holds, UrgentEvents urgent, TransactionTemplate tx, Clock clock) {
        this.holds = holds;
        this.urgent = urgent;
        this.tx = tx;
        this.clock = clock;
    }

    public boolean runOnce() {
        Integer released = tx.execute(status -> {
            Instant now = clock.instant();
            List<Hold> due = holds.claimDue(now, BATCH);
            for (Hold h : due) {
                long alertId = urgent.release(h, now, "WINDOW_ELAPSED");
                log.info("Fall of elder {} not cancelled within the window: incident {} opened", h.elderId(), alertId);
            }
            return due.size();
        });
        return released != null && released == BATCH;
    }
}
