package care.anxin.gateway.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/** The gateway's Micrometer meters, all named {@code anxin.gateway.*}. */
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final DistributionSummary batchSize;
    private final Timer commitLatency;
    private final Timer pubackLatency;
    private final Counter commitFailures;
    private final Timer watchReplyLatency;
    /** Counters touched for every message, looked up once (a registry lookup builds tags and ids each time). */
    private final Map<String, Counter> messagesIn = new ConcurrentHashMap<>();
    private final Map<String, Counter> messagesStored = new ConcurrentHashMap<>();
    private final Map<String, Counter> watchFrames = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchSize = DistributionSummary.builder("anxin.gateway.ingest.batch.size")
                .description("Messages per group-commit transaction").publishPercentiles(0.5, 0.99).register(registry);
        this.commitLatency = Timer.builder("anxin.gateway.ingest.commit")
                .description("Time to write and commit one batch").publishPercentiles(0.5, 0.99).register(registry);
        this.pubackLatency = Timer.builder("anxin.gateway.puback.latency")
                .description("PUBLISH received to PUBACK written").publishPercentiles(0.5, 0.99).register(registry);
        this.watchReplyLatency = Timer.builder("anxin.gateway.watch.reply.latency")
                .description("Watch frame received to its reply written").publishPercentiles(0.5, 0.99).register(registry);
        this.commitFailures = Counter.builder("anxin.gateway.ingest.commit.failures")
                .description("Failed batch commits (retried, never acknowledged)").register(registry);
    }

    /** get before computeIfAbsent (which locks a bin even on a hit), and no key building: runs per message. */
    private static Counter cached(Map<String, Counter> counters, String key, Function<String, Counter> create) {
        Counter c = counters.get(key);
        return c != null ? c : counters.computeIfAbsent(key, create);
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        io.micrometer.core.instrument.Gauge.builder(name, value).description(description).register(registry);
    }

    public void messageIn(String kind) {
        cached(messagesIn, kind, k -> registry.counter("anxin.gateway.messages.in", "kind", k)).increment();
    }

    public void stored(String outcome) {
        cached(messagesStored, outcome, k -> registry.counter("anxin.gateway.messages.stored", "outcome", k)).increment();
    }

    /** A refused message, packet, subscription or connection, by reason (acl, rate, oversize, payload, ...). */
    public void reject(String reason) {
        registry.counter("anxin.gateway.rejects", "reason", reason).increment();
    }

    public void connectRefused(String reason) {
        registry.counter("anxin.gateway.connects.refused", "reason", reason).increment();
    }

    public void connectAccepted() {
        registry.counter("anxin.gateway.connects.accepted").increment();
    }

    public void commandOut(String outcome) {
        registry.counter("anxin.gateway.commands", "outcome", outcome).increment();
    }

    public void batch(int size, long nanos) {
        batchSize.record(size);
        commitLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void commitFailed() {
        commitFailures.increment();
    }

    /** A watch frame by type (LK, UD, AL, bphrt, ..., unknown, malformed). */
    public void watchFrame(String type) {
        cached(watchFrames, type, k -> registry.counter("anxin.gateway.watch.frames", "type", k)).increment();
    }

    /** A watch position report without a GPS fix, by what it held instead (LBS, WIFI, none). */
    public void watchFix(String source) {
        registry.counter("anxin.gateway.watch.fixes", "source", source).increment();
    }

    public void watchReply(long nanos) {
        watchReplyLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void puback(long nanos) {
        pubackLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A stored care plan found unreadable (counted once per elder and stored text). */
    public void carePlanUnreadable() {
        registry.counter("anxin.gateway.careplan.unreadable").increment();
    }

    /** An urgent message whose write failed for a reason other than an outage: retried, never refused. */
    public void urgentRetry() {
        registry.counter("anxin.gateway.urgent.retries").increment();
    }
}
