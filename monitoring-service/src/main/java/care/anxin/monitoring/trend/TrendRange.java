package care.anxin.monitoring.trend;

import care.anxin.store.console.TrendQueries.Source;
import java.time.Duration;

/**
 * The ranges the console offers and how each is served: the last day from raw observations in
 * 15-minute buckets; longer ranges from the hourly rollup (plus the raw tail), re-binned so a chart
 * has a few hundred points at most.
 */
public enum TrendRange {
    H24("24h", Duration.ofHours(24), Duration.ofMinutes(15), Source.RAW),
    D7("7d", Duration.ofDays(7), Duration.ofHours(1), Source.ROLLUP),
    D30("30d", Duration.ofDays(30), Duration.ofHours(3), Source.ROLLUP),
    D90("90d", Duration.ofDays(90), Duration.ofHours(6), Source.ROLLUP);

    private final String label;
    private final Duration length;
    private final Duration bucket;
    private final Source source;

    TrendRange(String label, Duration length, Duration bucket, Source source) {
        this.label = label;
        this.length = length;
        this.bucket = bucket;
        this.source = source;
    }

    public static TrendRange of(String label) {
        for (TrendRange r : values()) {
            if (r.label.equals(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException(label);
    }

    public String label() {
        return label;
    }

    public Duration length() {
        return length;
    }

    public Duration bucket() {
        return bucket;
    }

    public Source source() {
        return source;
    }
}
