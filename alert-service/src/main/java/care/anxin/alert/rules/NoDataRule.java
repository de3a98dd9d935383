package care.anxin.alert.rules;

import care.anxin.domain.incident.Severity;
import care.anxin.domain.incident.IncidentKind;
import care.anxin.store.alerting.ConditionQueries;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * NO_DATA (MEDIUM): a connected wearable sent no reading for the elder's noDataMinutes (care plan,
 * default 60): taken off (WEAR_OFF) or silent. Clears when readings arrive again.
 */
public class NoDataRule implements ConditionRule {

    private final ConditionQueries queries;
    private final int defaultMinutes;

    public NoDataRule(ConditionQueries queries, int defaultMinutes) {
        this.queries = queries;
        this.defaultMinutes = defaultMinutes;
    }

    @Override
    public IncidentKind kind() {
        return IncidentKind.NO_DATA;
    }

    @Override
    public Evaluation evaluate(Instant now) {
        return Evaluation.of(queries.silentWearables(now, defaultMinutes).stream().map(r -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("deviceId", r.deviceId());
            detail.put("lastDataAt", r.since() == null ? null : r.since().toString());
            detail.put("silentMinutes", r.since() == null ? null : Duration.between(r.since(), now).toMinutes());
            return new Finding(r.elderId(), r.organizationId(), r.deviceId(), Severity.MEDIUM, detail, null, null);
        }).toList());
    }
}
