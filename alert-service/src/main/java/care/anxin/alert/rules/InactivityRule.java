package care.anxin.alert.rules;

import care.anxin.domain.incident.Severity;
import care.anxin.domain.incident.IncidentKind;
import care.anxin.alert.config.AlertProperties;
import care.anxin.store.alerting.ConditionQueries;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * INACTIVITY (MEDIUM): in daytime, the elder's wearable counted steps for the last inactivityHours
 * (care plan, default 4) and every count was zero. Windows reaching back before dayStart are not
 * judged (sleep); at night the rule is skipped, so it neither raises nor clears.
 */
public class InactivityRule implements ConditionRule {

    private final ConditionQueries queries;
    private final AlertProperties.Rules settings;

    public InactivityRule(ConditionQueries queries, AlertProperties.Rules settings) {
        this.queries = queries;
        this.settings = settings;
    }

    @Override
    public IncidentKind kind() {
        return IncidentKind.INACTIVITY;
    }

    @Override
    public Evaluation evaluate(Instant now) {
        ZonedDateTime local = now.atZone(settings.zone());
        LocalTime time = local.toLocalTime();
        if (time.isBefore(settings.dayStart()) || !time.isBefore(settings.dayEnd())) {
            return Evaluation.skip();
        }
        Instant dayStart = local.with(settings.dayStart()).toInstant();
        return Evaluation.of(queries.inactiveElders(now, dayStart, settings.inactivityHours()).stream().map(r -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("deviceId", r.deviceId());
            detail.put("lastStepReadingAt", r.since() == null ? null : r.since().toString());
            return new Finding(r.elderId(), r.organizationId(), r.deviceId(), Severity.MEDIUM, detail, null, null);
        }).toList());
    }
}
