package care.anxin.domain.bench;

import care.anxin.domain.wire.DecodeResult;
import care.anxin.domain.wire.MessageKind;
import care.anxin.domain.wire.UplinkCodec;
import care.anxin.domain.wire.UplinkMessage;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
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
 * Cost of decoding typical uplinks (the gateway's per-message CPU). Run by hand:
 * {@code mvn -B -q -pl domain test-compile org.codehaus.mojo:exec-maven-plugin:3.5.1:exec -Dexec.executable=java
 * -Dexec.classpathScope=test "-Dexec.args=-cp %classpath org.openjdk.jmh.Main UplinkCodecBenchmark"}.
 * On a shared, loaded machine read the minimum of several runs, not one average.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class UplinkCodecBenchmark {

    private final UplinkCodec codec = new UplinkCodec();
    private final byte[] vitals = bytes("{\"msgId\":\"WB-0001-000017\",\"ts\":\"2026-11-23T08:30:00+08:00\","
            + "\"readings\":[{\"code\":\"HR\",\"value\":72},{\"code\":\"SPO2\",\"value\":97},"
            + "{\"code\":\"SBP\",\"value\":128},{\"code\":\"DBP\",\"value\":82}]}");
    private final byte[] status = bytes("{\"msgId\":\"WB-0001-000025\",\"ts\":\"2026-11-23T09:10:00+08:00\","
            + "\"battery\":81,\"worn\":true,\"charging\":false,\"firmware\":\"2.4.1\",\"rssi\":-71}");
    private final byte[] sos = bytes("{\"msgId\":\"HS-0001-000202\",\"ts\":\"2026-11-23T09:07:00+08:00\","
            + "\"type\":\"SOS\",\"lat\":31.2305,\"lon\":121.4736,\"battery\":64}");
    private final byte[] implausible = bytes("{\"msgId\":\"WB-0001-000019\",\"ts\":\"2026-11-23T08:32:00+08:00\","
            + "\"readings\":[{\"code\":\"HR\",\"value\":400}]}");
    private final byte[] garbage = bytes("battery=81");
    private final UplinkMessage vitalsMessage = ((DecodeResult.Accepted) codec.decode(MessageKind.VITALS, vitals)).message();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public DecodeResult decodeVitals4() {
        return codec.decode(MessageKind.VITALS, vitals);
    }

    @Benchmark
    public DecodeResult decodeStatus() {
        return codec.decode(MessageKind.STATUS, status);
    }

    @Benchmark
    public DecodeResult decodeSos() {
        return codec.decode(MessageKind.EVENT, sos);
    }

    @Benchmark
    public DecodeResult rejectImplausible() {
        return codec.decode(MessageKind.VITALS, implausible);
    }

    @Benchmark
    public DecodeResult rejectNotJson() {
        return codec.decode(MessageKind.STATUS, garbage);
    }

    @Benchmark
    public byte[] encodeVitals4() {
        return codec.encode(vitalsMessage);
    }
}
