package care.anxin.domain.wire;

import care.anxin.domain.vital.VitalSign;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Vitals decode, streaming fast path against the tree path (issue 14), on the ingest bench's payload
 * (four readings, ts with a fraction, as the simulator's VitalsPayloads encodes it), on readings
 * with their own ts, and on a payload the fast path reads to its end and then hands to the tree (an
 * unknown field last: the worst case of a fallback). In this package because the tree-only
 * entry point is package-private. Run by hand like {@code UplinkCodecBenchmark}, with
 * {@code org.openjdk.jmh.Main VitalsDecodeBenchmark}. On a shared, loaded machine JMH's one-after-the-
 * other runs see different loads; {@link #main} instead alternates short slices of the fast and the
 * tree path on the bench payload, so both see the same load, and prints the best and median slices:
 * {@code "-Dexec.args=-cp %classpath care.anxin.domain.wire.VitalsDecodeBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VitalsDecodeBenchmark {

    private final UplinkCodec codec = new UplinkCodec();
    private final byte[] benchVitals = benchPayload();
    private final byte[] ownTimes = ("{\"msgId\":\"WB-0001-000018\",\"ts\":\"2026-11-23T08:31:00+08:00\",\"readings\":"
            + "[{\"code\":\"TEMP\",\"value\":36.6,\"ts\":\"2026-11-23T08:30:30+08:00\"},{\"code\":\"STEPS\",\"value\":140}]}")
            .getBytes(StandardCharsets.UTF_8);
    private final byte[] extraField = ("{\"msgId\":\"WB-0001-000017\",\"ts\":\"2026-11-23T08:30:00+08:00\","
            + "\"readings\":[{\"code\":\"HR\",\"value\":72},{\"code\":\"SPO2\",\"value\":97},"
            + "{\"code\":\"SBP\",\"value\":128},{\"code\":\"DBP\",\"value\":82}],\"firmware\":\"2.4.1\"}")
            .getBytes(StandardCharsets.UTF_8);

    private byte[] benchPayload() {
        Instant now = Instant.parse("2026-11-30T16:40:12.345678Z");
        return codec.encode(new VitalsMessage("bt4k2m9a-123456", now, List.of(
                new Reading(VitalSign.HR, 71, now), new Reading(VitalSign.SPO2, 97, now),
                new Reading(VitalSign.SBP, 125, now), new Reading(VitalSign.DBP, 81, now))));
    }

    @Benchmark
    public DecodeResult benchVitalsFastPath() {
        return codec.decode(MessageKind.VITALS, benchVitals);
    }

    @Benchmark
    public DecodeResult benchVitalsTreePath() {
        return codec.decodeWithoutFastPath(MessageKind.VITALS, benchVitals);
    }

    @Benchmark
    public DecodeResult ownTimesFastPath() {
        return codec.decode(MessageKind.VITALS, ownTimes);
    }

    @Benchmark
    public DecodeResult ownTimesTreePath() {
        return codec.decodeWithoutFastPath(MessageKind.VITALS, ownTimes);
    }

    /** The fallback's price: a streaming attempt that gives up at the last field, then the tree. */
    @Benchmark
    public DecodeResult extraFieldFallback() {
        return codec.decode(MessageKind.VITALS, extraField);
    }

    @Benchmark
    public DecodeResult extraFieldTreePath() {
        return codec.decodeWithoutFastPath(MessageKind.VITALS, extraField);
    }

    public static void main(String[] args) {
        VitalsDecodeBenchmark bench = new VitalsDecodeBenchmark();
        int slices = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        for (int i = 0; i < 20; i++) { // warm-up: both paths compiled before the first slice
            slice(bench::benchVitalsFastPath);
            slice(bench::benchVitalsTreePath);
        }
        double[] fast = new double[slices];
        double[] tree = new double[slices];
        for (int i = 0; i < slices; i++) {
            fast[i] = slice(bench::benchVitalsFastPath);
            tree[i] = slice(bench::benchVitalsTreePath);
        }
        Arrays.sort(fast);
        Arrays.sort(tree);
        System.out.printf("bench vitals payload, %d alternating slices of 2,000 decodes each%n", slices);
        System.out.printf("  fast path: best %.0f ns/op, median %.0f ns/op%n", fast[0], fast[slices / 2]);
        System.out.printf("  tree path: best %.0f ns/op, median %.0f ns/op%n", tree[0], tree[slices / 2]);
        System.out.printf("  fast/tree: best %.2f, median %.2f%n", fast[0] / tree[0], fast[slices / 2] / tree[slices / 2]);
    }

    /** ns per decode over one slice; the accepted count keeps the JIT from dropping the work. */
    private static double slice(Supplier<DecodeResult> decode) {
        int decodes = 2_000;
        int accepted = 0;
        long start = System.nanoTime();
        for (int i = 0; i < decodes; i++) {
            if (decode.get() instanceof DecodeResult.Accepted) {
                accepted++;
            }
        }
        long elapsed = System.nanoTime() - start;
        if (accepted != decodes) {
            throw new IllegalStateException("the bench payload must be accepted");
        }
        return (double) elapsed / decodes;
    }
}
