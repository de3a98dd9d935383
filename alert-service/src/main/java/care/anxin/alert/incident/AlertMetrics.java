package care.anxin.alert.incident;

import care.anxin.domain.incident.IncidentKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The alert service's Micrometer meters (Prometheus names anxin_alert_*). */
public class AlertMetrics {

    private final MeterRegistry registry;

    public AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void incidentOpened(IncidentKind kind) {
        Counter.builder("anxin.alert.incidents.opened").tag("kind", kind.name()).register(registry).increment();
    }

    public void incidentAutoResolved(IncidentKind kind) {
        Counter.builder("anxin.alert.incidents.auto_resolved").tag("kind", kind.name()).register(registry).increment();
    }

    /** An acknowledged SOS/FALL incident put back in play by a new press. */
    public void incidentReopened() {
        Counter.builder("anxin.alert.incidents.reopened").register(registry).increment();
    }

    public void fallCancelled() {
        Counter.builder("anxin.alert.falls.cancelled").register(registry).increment();
    }

    /** outcome: processed, deferred, failed, parked (gave up), ignored (no rule for the kind). */
    public void event(String kind, String outcome) {
        Counter.builder("anxin.alert.events").tag("kind", kind).tag("outcome", outcome).register(registry).increment();
    }

    /** outcome: sent, failed (will retry), dead. */
    public void notification(String channel, String outcome) {
        Counter.builder("anxin.alert.notifications").tag("channel", channel).tag("outcome", outcome).register(registry).increment();
    }

    /** From outbox insert to successful delivery. */
    public void dispatchLatency(String channel, Duration latency) {
        Timer.builder("anxin.alert.dispatch.latency").tag("channel", channel).publishPercentileHistogram()
                .register(registry).record(latency);
    }

    public void escalation(IncidentKind kind, String what) {
        Counter.builder("anxin.alert.escalations").tag("kind", kind.name()).tag("what", what).register(registry).increment();
    }
}
