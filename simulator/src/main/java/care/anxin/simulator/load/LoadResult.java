package care.anxin.simulator.load;

import java.util.Map;

/** What one load run measured (latencies in milliseconds, CPU in percent of one core). */
public record LoadResult(
        String label,
        String target,
        int connections,
        int connectFailures,
        double connectSeconds,
        int targetRate,
        double seconds,
        long published,
        long acked,
        double ackedPerSecond,
        double readingsPerSecond,
        double p50Ms,
        double p99Ms,
        double p999Ms,
        double maxMs,
        long errors,
        long dropped,
        Map<String, Double> cpuPercent) {
}
