package care.anxin.alert.rules;

import care.anxin.alert.incident.IncidentTexts;
import care.anxin.alert.incident.IncidentWriter;
import care.anxin.alert.incident.JsonText;
import care.anxin.store.alerting.ConditionQueries;
import care.anxin.store.alerting.DirectoryRepository;
import care.anxin.store.alerting.ElderRef;
import care.anxin.store.alerting.IncidentDraft;
import care.anxin.store.alerting.IncidentRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates each condition rule in its own transaction under a try-advisory-lock (two services
 * never evaluate the same rule at once): opens incidents for new findings (no count bump while a
 * condition persists) and AUTO_RESOLVES open incidents of the kind whose condition cleared.
 */
public class ConditionRuleRunner {

    private static final Logger log = LoggerFactory.getLogger(ConditionRuleRunner.class);

    private static final Duration RESOLVE_GRACE = Duration.ofMinutes(2);

    private final List<ConditionRule> rules;
    private final ConditionQueries queries;
    private final IncidentRepository incidents;
    private final DirectoryRepository directory;
    private final IncidentWriter writer;
    private final JsonText json;
    private final TransactionTemplate tx;
    private final Clock clock;

    public ConditionRuleRunner(List<ConditionRule> rules, ConditionQueries queries,
                               IncidentRepository incidents, DirectoryRepository directory,
                               IncidentWriter writer, JsonText json, TransactionTemplate tx, Clock clock) {
        this.rules = rules;
        this.queries = queries;
        this.incidents = incidents;
        this.directory = directory;
        this.writer = writer;
        this.json = json;
        this.tx = tx;
        this.clock = clock;
    }

    public boolean runOnce() {
        for (ConditionRule rule : rules) {
            try {
                tx.executeWithoutResult(status -> evaluate(rule, clock.instant()));
            } catch (RuntimeException e) {
                log.error("Condition rule {} failed", rule.kind(), e);
            }
        }
        return false;
    }

    private void evaluate(ConditionRule rule, Instant now) {
        if (!queries.tryLockRule(rule.kind().name())) {
            return;
        }
        Evaluation evaluation = rule.evaluate(now);
        if (evaluation.skipped()) {
            return;
        }
        Set<Long> open = new HashSet<>(incidents.openElderIds(rule.kind()));
        Set<Long> stillTrue = new HashSet<>(evaluation.holding());
        for (Finding f : evaluation.active()) {
            stillTrue.add(f.elderId());
            if (open.contains(f.elderId())) {
                continue;
            }
            Optional<ElderRef> elder = directory.elder(f.elderId());
            if (elder.isEmpty()) {
                continue;
            }
            String detail = json.of(f.detail());
            writer.openIfAbsent(new IncidentDraft(f.elderId(), f.organizationId(), f.deviceId(), rule.kind(), f.severity(),
                    IncidentTexts.title(rule.kind(), elder.get().name()), detail, now, now, f.lat(), f.lon()), detail);
            open.add(f.elderId());
        }
        // Incidents raised by a device event moments ago are left alone until the device state catches up.
        for (long elderId : incidents.openElderIdsQuietSince(rule.kind(), now.minus(RESOLVE_GRACE))) {
            if (!stillTrue.contains(elderId)) {
                writer.autoResolve(elderId, rule.kind(), now, "condition cleared");
            }
        }
    }
}
