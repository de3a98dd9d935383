package care.anxin.simulator.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters and the PUBACK latency recorder shared by every connection of a load run. Latency is
 * recorded in microseconds from the moment a message was due (not when it could be sent), so a
 * stalled server shows up in the percentiles instead of hiding behind a full window.
 */
public final class LoadStats {
    public final LongAdder published = new LongAdder();
    public final LongAdder acked = new LongAdder();
    public final LongAdder connectFailures = new LongAdder();
    public final LongAdder dropped = new LongAdder();
    public final LongAdder errors = new LongAdder();
    public final LongAdder commandsReceived = new LongAdder();
    public final AtomicInteger connected = new AtomicInteger();
    /** CONNECT attempts that failed and were retried (or given up), by reason (a CONNACK code, "no CONNACK", ...). */
    public final ConcurrentMap<String, LongAdder> connectAttemptsFailed = new ConcurrentHashMap<>();
    public final LongAdder connectRetries = new LongAdder();
    private final Recorder latencyMicros = new Recorder(3);

    void connectAttemptFailed(String reason) {
        connectAttemptsFailed.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** Failed CONNECT attempts by reason, for the report. */
    public Map<String, Long> connectAttemptsFailedByReason() {
        Map<String, Long> byReason = new TreeMap<>();
        connectAttemptsFailed.forEach((reason, n) -> byReason.put(reason, n.sum()));
        return byReason;
    }

    void recordLatency(long nanos) {
        latencyMicros.recordValue(Math.max(1, nanos / 1000));
    }

    /** The latencies recorded since the previous call (the recorder starts a fresh interval). */
    public Histogram takeInterval() {
        return latencyMicros.getIntervalHistogram();
    }
}
