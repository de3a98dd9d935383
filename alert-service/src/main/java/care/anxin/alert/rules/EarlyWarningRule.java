package care.anxin.alert.rules;

import care.anxin.domain.incident.Severity;
import care.anxin.domain.incident.IncidentKind;
import care.anxin.domain.score.EarlyWarningScore;
import care.anxin.domain.score.Risk;
import care.anxin.domain.score.ScoreResult;
import care.anxin.domain.vital.VitalSign;
import care.anxin.store.alerting.ConditionQueries;
import care.anxin.store.alerting.VitalsWindowRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * EARLY_WARNING: the NEWS2-style score (domain EarlyWarningScore) over the latest reading of each
 * wearable parameter within the window. Aggregate 5-6 (MEDIUM risk) raises MEDIUM, 7+ raises HIGH.
 * A single extreme parameter (LOW_MEDIUM) does not raise (the VITAL_ incident of that reading
 * already does) but keeps an open one open; back to LOW risk, or no readings in the window, clears.
 * Consciousness and supplemental oxygen cannot come from a wearable: scored as alert / air (0).
 */
public class EarlyWarningRule implements ConditionRule {

    private final ConditionQueries queries;
    private final Duration window;

    public EarlyWarningRule(ConditionQueries queries, Duration window) {
        this.queries = queries;
        this.window = window;
    }

    @Override
    public IncidentKind kind() {
        return IncidentKind.EARLY_WARNING;
    }

    @Override
    public Evaluation evaluate(Instant now) {
        List<String> codes = EarlyWarningScore.SCORED.stream().map(VitalSign::code).toList();
        List<Finding> active = new ArrayList<>();
        Set<Long> holding = new HashSet<>();
        for (VitalsWindowRow row : queries.latestVitals(now, window, codes)) {
            Map<VitalSign, Double> latest = new EnumMap<>(VitalSign.class);
            row.latest().forEach((code, value) -> VitalSign.fromCode(code).ifPresent(sign -> latest.put(sign, value)));
            ScoreResult score = EarlyWarningScore.score(latest);
            if (score.risk() == Risk.LOW) {
                continue;
            }
            holding.add(row.elderId());
            if (score.risk() == Risk.MEDIUM || score.risk() == Risk.HIGH) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("score", score.total());
                detail.put("risk", score.risk().name());
                Map<String, Integer> parts = new LinkedHashMap<>();
                score.parts().forEach((sign, points) -> parts.put(sign.code(), points));
                detail.put("parts", parts);
                detail.put("missing", score.missing());
                detail.put("values", row.latest());
                detail.put("note", "consciousness and supplemental oxygen not measurable by wearables: scored as alert/air");
                active.add(new Finding(row.elderId(), row.organizationId(), null,
                        score.risk() == Risk.HIGH ? Severity.HIGH : Severity.MEDIUM, detail, null, null));
            }
        }
        return Evaluation.of(active, holding);
    }
}
