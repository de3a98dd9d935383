package care.anxin.simulator.bench;

import java.util.Arrays;
import java.util.Locale;

/** The fault active during {@code ./anxin bench sos} ({@code --anxin.bench.fault=...}). */
public enum BenchFault {
    /** No fault: the baseline. */
    NONE,
    /** The bench center's partner webhook answers its headers and then never sends the body. */
    STALLED_WEBHOOK,
    /** Console tabs of the bench care user that open the live stream and stop reading it. */
    STALLED_STREAM,
    /** About 1,000 abnormal readings per second (VITAL_ABNORMAL events) mixed into the background load. */
    VITALS_FLOOD;

    /** Parses the property value: {@code stalled-webhook}, {@code stalled-stream}, {@code vitals-flood}, {@code none}. */
    public static BenchFault parse(String value) {
        String name = value == null ? "none" : value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("anxin.bench.fault must be one of "
                        + "none, stalled-webhook, stalled-stream, vitals-flood (was '" + value + "')"));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
