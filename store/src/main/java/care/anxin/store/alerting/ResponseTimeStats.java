package care.anxin.store.alerting;

/**
 * Acknowledgement times of urgent incidents (SOS, FALL) opened in a period below an organization.
 * Percentages are of all incidents (an unacknowledged one counts as missed); medians over the
 * acknowledged ones; null when there is nothing to measure.
 */
public record ResponseTimeStats(long organizationId, long total, long acknowledged, long within60, long within180,
                                Double within60Pct, Double within180Pct, Double medianAckSeconds,
                                Double worstAckSeconds, Double medianFirstNotifiedSeconds) {
}
