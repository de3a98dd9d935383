package care.anxin.simulator.load;

import java.util.Map;

/**
 * What one load run measured (latencies in milliseconds, CPU in percent of one core).
 * {@code serverMicrosPerMessage}: CPU time of the server side (gateway + database, or the broker)
 * per acknowledged message in µs, per process tree and as "total"; empty when none was found.
 * {@code connectFailures}: devices that never connected; {@code failedConnectAttempts}: every
 * refused or failed CONNECT (retried with backoff) by reason. {@code serverJitMicrosPerMessage}:
 * the part of a server JVM's figure spent by its JIT compiler threads (a start-up cost).
 */
public record LoadResult(
        String label,
        String target,
        int connections,
        int connectFailures,
        Map<String, Long> failedConnectAttempts,
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
        Map<String, Double> cpuPercent,
        Map<String, Double> serverMicrosPerMessage,
        Map<String, Double> serverJitMicrosPerMessage) {

    /** The server side's total CPU µs per acknowledged message, or NaN when it was not measured. */
    public double microsPerMessage() {
        return serverMicrosPerMessage.getOrDefault("total", Double.NaN);
    }
}
