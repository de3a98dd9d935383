package care.anxin.simulator.load;

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
    private final Recorder latencyMicros = new Recorder(3);

    void recordLatency(long nanos) {
        latencyMicros.recordValue(Math.max(1, nanos / 1000));
    }

    /** The latencies recorded since the previous call (the recorder starts a fresh interval). */
    public Histogram takeInterval() {
        return latencyMicros.getIntervalHistogram();
    }
}
