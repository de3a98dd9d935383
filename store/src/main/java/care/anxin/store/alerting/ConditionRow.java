package care.anxin.store.alerting;

import java.time.Instant;

/**
 * One elder's device for a condition rule: which device, since when (last seen / last data), its
 * battery, and the elder's care plan JSON (for per-elder limits).
 */
public record ConditionRow(long elderId, long organizationId, String deviceId, Instant since, Integer battery,
                           String carePlan) {
}
