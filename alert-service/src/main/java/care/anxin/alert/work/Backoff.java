package care.anxin.alert.work;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter: base * 2^(attempt-1), capped, then +-jitter so retries spread out. */
public record Backoff(Duration base, Duration max, double jitter) {

    public Duration delayAfter(int attempt) {
        double exponential = base.toMillis() * Math.pow(2, Math.max(0, Math.min(attempt - 1, 30)));
        double capped = Math.min(exponential, max.toMillis());
        double factor = 1 + jitter * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        return Duration.ofMillis(Math.max(1, Math.round(capped * factor)));
    }
}
