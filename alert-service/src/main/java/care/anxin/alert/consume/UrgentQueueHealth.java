package care.anxin.alert.consume;

import care.anxin.store.alerting.EventQueueRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The promise "every SOS reaches a human", measured: the age of the oldest unprocessed urgent event
 * (gauge anxin_alert_urgent_oldest_age_seconds, 0 when none waits). Older than urgent-max-age
 * (30 s) turns the alert service's health DOWN, so the orchestrator and the operators see it.
 */
public class UrgentQueueHealth implements HealthIndicator {

    private final EventQueueRepository queue;
    private final Duration maxAge;
    private final Clock clock;

    public UrgentQueueHealth(EventQueueRepository queue, Duration maxAge, Clock clock, MeterRegistry registry) {
        this.queue = queue;
        this.maxAge = maxAge;
        this.clock = clock;
        Gauge.builder("anxin.alert.urgent.oldest.age", this, h -> h.oldestAge().toMillis() / 1000.0)
                .baseUnit("seconds").description("age of the oldest unprocessed SOS/FALL/FALL_CANCELLED event")
                .register(registry);
    }

    /** Zero when no urgent event waits. */
    public Duration oldestAge() {
        Optional<Instant> oldest = queue.oldestUrgentReceivedAt();
        return oldest.map(at -> Duration.between(at, clock.instant())).filter(d -> !d.isNegative()).orElse(Duration.ZERO);
    }

    @Override
    public Health health() {
        Duration age = oldestAge();
        Health.Builder builder = age.compareTo(maxAge) > 0 ? Health.down() : Health.up();
        return builder.withDetail("oldestUrgentEventAgeSeconds", age.toSeconds())
                .withDetail("limitSeconds", maxAge.toSeconds()).build();
    }
}
