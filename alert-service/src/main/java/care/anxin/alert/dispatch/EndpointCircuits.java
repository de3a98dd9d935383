package care.anxin.alert.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A circuit breaker per endpoint (webhook endpoint, SMS gateway, contact URL): after
 * failureThreshold failures in a row the endpoint is left alone for openFor (its notifications
 * wait in the outbox, not in a sender thread), then one probe is let through; a success closes it.
 */
final class EndpointCircuits {

    private record State(int failures, Instant openUntil, boolean probing) {
    }

    private final int failureThreshold;
    private final Duration openFor;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    EndpointCircuits(int failureThreshold, Duration openFor, Clock clock) {
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Endpoints whose circuit is open now (not to be claimed); an expired one becomes half-open. */
    Set<String> open() {
        Instant now = clock.instant();
        return states.entrySet().stream().filter(e -> e.getValue().openUntil() != null
                && (now.isBefore(e.getValue().openUntil()) || e.getValue().probing()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /** Called when a send to the endpoint starts: a half-open circuit lets this one probe through. */
    void started(String endpoint) {
        states.computeIfPresent(endpoint, (k, s) -> s.openUntil() != null ? new State(s.failures(), s.openUntil(), true) : s);
    }

    void succeeded(String endpoint) {
        states.remove(endpoint);
    }

    /** True when this failure opened (or re-opened) the circuit. */
    boolean failed(String endpoint) {
        State s = states.merge(endpoint, new State(1, null, false), (old, one) -> new State(old.failures() + 1, old.openUntil(), false));
        if (s.failures() >= failureThreshold) {
            states.put(endpoint, new State(s.failures(), clock.instant().plus(openFor), false));
            return true;
        }
        return false;
    }
}
