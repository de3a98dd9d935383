package care.anxin.alert.rules;

import care.anxin.domain.incident.IncidentKind;
import java.time.Instant;

/**
 * A condition evaluated on a schedule over all elders (device offline, no data, inactivity,
 * geofence, battery, early warning). The runner opens an incident for each new finding and
 * auto-resolves open incidents whose condition cleared.
 */
public interface ConditionRule {

    /** The alert kind this rule raises. */
    IncidentKind kind();

    Evaluation evaluate(Instant now);
}
