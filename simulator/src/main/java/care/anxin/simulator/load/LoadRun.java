package care.anxin.simulator.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Drives connected devices at a target rate (each device publishes on its own schedule, spread
 * evenly) or at the maximum the server acknowledges (every PUBACK releases the next publish),
 * prints a progress line every few seconds and measures the window after the warm-up.
 */
public final class LoadRun {

    /** @param rate total messages per second, 0 for as fast as the server acknowledges */
    public record Settings(int rate, Duration warmup, Duration duration, Duration progressEvery, int readingsPerMessage) {
    }

    private LoadRun() {
    }

    public static LoadResult run(String label, String target, List<? extends LoadDevice> connections, LoadStats stats,
                                 Settings settings, ProcessCpu cpu, double connectSeconds, Consumer<String> out)
            throws InterruptedException {
        return run(label, target, connections, stats, settings, cpu, connectSeconds, out, () -> false);
    }

    /** As above, ending the measurement early once {@code stop} says so (checked every 100 ms). */
    public static LoadResult run(String label, String target, List<? extends LoadDevice> connections, LoadStats stats,
                                 Settings settings, ProcessCpu cpu, double connectSeconds, Consumer<String> out,
                                 BooleanSupplier stop) throws InterruptedException {
        List<ScheduledFuture<?>> schedules = new ArrayList<>();
        if (!connections.isEmpty()) {
            if (settings.rate() > 0) {
                long periodNanos = (long) (connections.size() * 1e9 / settings.rate());
                for (LoadDevice c : connections) {
                    long offset = ThreadLocalRandom.current().nextLong(Math.max(1, periodNanos));
                    schedules.add(c.eventLoop().scheduleAtFixedRate(c::tick, offset, periodNanos, TimeUnit.NANOSECONDS));
                }
            } else {
                connections.forEach(c -> c.eventLoop().execute(c::saturate));
            }
        }
        long started = System.nanoTime();
        Thread.sleep(settings.warmup().toMillis());
        stats.takeInterval();
        long ackedAtStart = stats.acked.sum();
        long publishedAtStart = stats.published.sum();
        long errorsAtStart = stats.errors.sum();
        long droppedAtStart = stats.dropped.sum();
        ProcessCpu.Snapshot cpuAtStart = cpu.snapshot();
        long measureStart = System.nanoTime();
        long measureEnd = measureStart + settings.duration().toNanos();
        Histogram total = new Histogram(3);
        long lastAcked = ackedAtStart;
        long lastTick = measureStart;
        while (System.nanoTime() < measureEnd && !stop.getAsBoolean()) {
            long lineDue = Math.min(lastTick + settings.progressEvery().toNanos(), measureEnd);
            while (System.nanoTime() < lineDue && !stop.getAsBoolean()) {
                TimeUnit.NANOSECONDS.sleep(Math.max(0, Math.min(100_000_000L, lineDue - System.nanoTime())));
            }
            Histogram interval = stats.takeInterval();
            total.add(interval);
            long now = System.nanoTime();
            long acked = stats.acked.sum();
            out.accept(String.format("[%s] t=%3ds conns=%d msg/s=%,.0f p50=%.1fms p99=%.1fms p999=%.1fms errors=%d dropped=%d",
                    label, (now - started) / 1_000_000_000L, stats.connected.get(),
                    (acked - lastAcked) / ((now - lastTick) / 1e9), ms(interval, 50), ms(interval, 99), ms(interval, 99.9),
                    stats.errors.sum() + stats.connectFailures.sum(), stats.dropped.sum()));
            lastAcked = acked;
            lastTick = now;
        }
        double seconds = (System.nanoTime() - measureStart) / 1e9;
        long acked = stats.acked.sum() - ackedAtStart;
        ProcessCpu.Snapshot cpuAtEnd = cpu.snapshot();
        schedules.forEach(s -> s.cancel(false));
        connections.forEach(c -> c.eventLoop().execute(c::close));
        return new LoadResult(label, target, connections.size(), (int) stats.connectFailures.sum(),
                stats.connectAttemptsFailedByReason(),
                round(connectSeconds), settings.rate(), round(seconds),
                stats.published.sum() - publishedAtStart, acked, round(acked / seconds),
                round(acked * settings.readingsPerMessage() / seconds),
                ms(total, 50), ms(total, 99), ms(total, 99.9), round(total.getMaxValue() / 1000.0),
                stats.errors.sum() - errorsAtStart, stats.dropped.sum() - droppedAtStart,
                ProcessCpu.usage(cpuAtStart, cpuAtEnd), microsPerMessage(ProcessCpu.serverSeconds(cpuAtStart, cpuAtEnd), acked),
                perMessage(ProcessCpu.serverCompilerSeconds(cpuAtStart, cpuAtEnd), acked));
    }

    /** Server CPU per acknowledged message, per process tree and in total. */
    static Map<String, Double> microsPerMessage(Map<String, Double> serverSeconds, long acked) {
        Map<String, Double> micros = new LinkedHashMap<>();
        if (serverSeconds.isEmpty() || acked == 0) {
            return micros;
        }
        serverSeconds.forEach((name, seconds) -> micros.put(name, round(seconds * 1e6 / acked)));
        micros.put("total", round(serverSeconds.values().stream().mapToDouble(Double::doubleValue).sum() * 1e6 / acked));
        return micros;
    }

    private static Map<String, Double> perMessage(Map<String, Double> seconds, long acked) {
        Map<String, Double> micros = new LinkedHashMap<>();
        if (acked > 0) {
            seconds.forEach((name, s) -> micros.put(name, round(s * 1e6 / acked)));
        }
        return micros;
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : round(histogram.getValueAtPercentile(percentile) / 1000.0);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
