package care.anxin.alert.consume;

import care.anxin.alert.dispatch.Outbox;
import care.anxin.alert.incident.IncidentTexts;
import care.anxin.store.alerting.AckNotice;
import care.anxin.store.alerting.DirectoryRepository;
import care.anxin.store.alerting.IncidentRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Honest words: when a person acknowledges an SOS or fall (in the console), the elder's handset
 * gets a second ALERT_ACK naming the center ("…已确认，工作人员正在赶来"), once per acknowledgement
 * (the key carries the acknowledgement time, so a re-acknowledgement after a new press tells again).
 * Acknowledgements older than 10 minutes are not announced late.
 */
public class AckNoticeJob {

    private static final int BATCH = 50;
    private static final Duration TOO_LATE = Duration.ofMinutes(10);

    private final IncidentRepository incidents;
    private final DirectoryRepository directory;
    private final UrgentEvents urgent;
    private final TransactionTemplate tx;
    private final Clock clock;

    public AckNoticeJob(IncidentRepository incidents, DirectoryRepository directory, UrgentEvents urgent,
                        TransactionTemplate tx, Clock clock) {
        this.incidents = incidents;
        this.directory = directory;
        this.urgent = urgent;
        this.tx = tx;
        this.clock = clock;
    }

    public boolean runOnce() {
        Integer done = tx.execute(status -> {
            Instant now = clock.instant();
            List<AckNotice> due = incidents.claimAckNotices(now.minus(TOO_LATE), BATCH);
            for (AckNotice a : due) {
                directory.handset(a.elderId(), a.deviceId()).ifPresent(device -> urgent.tellHandset(a.alertId(),
                        "CONFIRMED", IncidentTexts.acknowledged(a.organizationName()), device,
                        "alert:" + a.alertId() + ":downlink:ack:" + a.acknowledgedAt().toEpochMilli(), now));
                incidents.markAckNoticed(a.alertId(), now);
            }
            return due.size();
        });
        return done != null && done == BATCH;
    }
}
