package care.anxin.store.alerting;

import java.time.Instant;

/**
 * A claimed outbox row with what the sender needs; url/secret come from the endpoint at send time
 * (so a rotated secret applies to retries), recipient otherwise.
 *
 * @param attempt the number of this attempt (1 for the first)
 */
public record OutboundNotification(long id, Long alertId, String channel, Long endpointId, String recipient,
                                   String idempotencyKey, String payload, int attempt, Instant createdAt,
                                   String endpointUrl, String endpointSecret) {

    /** Where it goes, for bulkheads and circuit breakers: the configured endpoint, else channel and recipient. */
    public String endpointKey() {
        return endpointId != null ? "endpoint:" + endpointId : channel + ":" + recipient;
    }
}
