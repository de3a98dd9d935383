package care.anxin.alert.rules;

import care.anxin.domain.incident.Severity;
import care.anxin.domain.incident.IncidentKind;
import care.anxin.store.alerting.ConditionQueries;
import care.anxin.store.alerting.ConditionRow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * LOW_BATTERY (LOW): a bound device reports lowPct or less. Clears only once the battery is back
 * to recoveredPct (hysteresis, so a battery hovering at the limit does not flap).
 */
public class LowBatteryRule implements ConditionRule {

    private final ConditionQueries queries;
    private final int lowPct;
    private final int recoveredPct;

    public LowBatteryRule(ConditionQueries queries, int lowPct, int recoveredPct) {
        this.queries = queries;
        this.lowPct = lowPct;
        this.recoveredPct = recoveredPct;
    }

    @Override
    public IncidentKind kind() {
        return IncidentKind.LOW_BATTERY;
    }

    @Override
    public Evaluation evaluate(Instant now) {
        List<ConditionRow> notRecovered = queries.batteryAtOrBelow(recoveredPct - 1);
        Set<Long> holding = notRecovered.stream().map(ConditionRow::elderId).collect(Collectors.toSet());
        List<Finding> low = notRecovered.stream().filter(r -> r.battery() != null && r.battery() <= lowPct).map(r -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("deviceId", r.deviceId());
            detail.put("battery", r.battery());
            return new Finding(r.elderId(), r.organizationId(), r.deviceId(), Severity.LOW, detail, null, null);
        }).toList();
        return Evaluation.of(low, holding);
    }
}
