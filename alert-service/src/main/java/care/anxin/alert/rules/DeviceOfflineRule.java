package care.anxin.alert.rules;

import care.anxin.domain.incident.Severity;
import care.anxin.domain.incident.IncidentKind;
import care.anxin.store.alerting.ConditionQueries;
import care.anxin.store.alerting.ConditionRow;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DEVICE_OFFLINE (MEDIUM): a bound device has been offline longer than offlineAfter. Clears when it is back. */
public class DeviceOfflineRule implements ConditionRule {

    private final ConditionQueries queries;
    private final Duration offlineAfter;

    public DeviceOfflineRule(ConditionQueries queries, Duration offlineAfter) {
        this.queries = queries;
        this.offlineAfter = offlineAfter;
    }

    @Override
    public IncidentKind kind() {
        return IncidentKind.DEVICE_OFFLINE;
    }

    @Override
    public Evaluation evaluate(Instant now) {
        List<ConditionRow> rows = queries.offlineDevices(now, offlineAfter);
        return Evaluation.of(rows.stream().map(r -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("deviceId", r.deviceId());
            detail.put("lastSeenAt", r.since() == null ? null : r.since().toString());
            detail.put("offlineMinutes", r.since() == null ? null : Duration.between(r.since(), now).toMinutes());
            return new Finding(r.elderId(), r.organizationId(), r.deviceId(), Severity.MEDIUM, detail, null, null);
        }).toList());
    }
}
