package care.anxin.domain.wire;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.domain.geo.GeoPoint;
import care.anxin.domain.vital.VitalSign;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Round trips of valid messages of every kind, and robustness of decode against any input. */
class UplinkCodecProperties {

    private static final UplinkCodec CODEC = new UplinkCodec();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 300)
    void everyValidMessageRoundTrips(@ForAll("messages") UplinkMessage message) {
        byte[] payload = CODEC.encode(message);
        assertThat(payload.length).isLessThanOrEqualTo(16 * 1024);
        DecodeResult result = CODEC.decode(message.kind(), payload);
        assertThat(result).as(new String(payload, StandardCharsets.UTF_8)).isEqualTo(new DecodeResult.Accepted(message));
    }

    @Property(tries = 500)
    void arbitraryBytesNeverThrow(@ForAll @Size(max = 300) byte[] payload, @ForAll MessageKind kind,
                                  @ForAll boolean brace) {
        if (brace && payload.length > 0) {
            payload[0] = '{'; // get past the cheap first-byte check into the parser
        }
        assertDecided(CODEC.decode(kind, payload));
    }

    @Property(tries = 500)
    void mutatedPayloadsNeverThrow(@ForAll("messages") UplinkMessage message, @ForAll MessageKind kind,
                                   @ForAll("mutations") List<int[]> mutations) {
        byte[] payload = CODEC.encode(message);
        for (int[] m : mutations) {
            payload = mutate(payload, m);
        }
        assertDecided(CODEC.decode(kind, payload));
    }

    /** Structurally valid JSON with a field replaced by an arbitrary value of any type. */
    @Property(tries = 500)
    void wrongValueTypesAreRejectedNotThrown(@ForAll("messages") UplinkMessage message,
                                             @ForAll("jsonValues") JsonNode value,
                                             @ForAll("fieldNames") String field) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(CODEC.encode(message));
        if (root.has("readings") && field.startsWith("readings.")) {
            ((ObjectNode) root.get("readings").get(0)).set(field.substring("readings.".length()), value);
        } else {
            root.set(field, value);
        }
        DecodeResult result = CODEC.decode(message.kind(), JSON.writeValueAsBytes(root));
        assertDecided(result);
    }

    private static void assertDecided(DecodeResult result) {
        assertThat(result).isNotNull();
        if (result instanceof DecodeResult.Rejected rejected) {
            assertThat(rejected.problems()).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.field()).isNotBlank())
                    .allSatisfy(p -> assertThat(p.reason()).isNotBlank().doesNotContainPattern("\\p{Cntrl}"));
        } else {
            assertThat(((DecodeResult.Accepted) result).message()).isNotNull();
        }
    }

    /** Mutation {op, position, byte}: flip, delete, insert or truncate. */
    private static byte[] mutate(byte[] in, int[] m) {
        if (in.length == 0) {
            return new byte[] {(byte) m[2]};
        }
        int pos = m[1] % in.length;
        switch (m[0]) {
            case 0 -> {
                byte[] out = in.clone();
                out[pos] = (byte) m[2];
                return out;
            }
            case 1 -> {
                byte[] out = new byte[in.length - 1];
                System.arraycopy(in, 0, out, 0, pos);
                System.arraycopy(in, pos + 1, out, pos, in.length - pos - 1);
                return out;
            }
            case 2 -> {
                byte[] out = new byte[in.length + 1];
                System.arraycopy(in, 0, out, 0, pos);
                out[pos] = (byte) m[2];
                System.arraycopy(in, pos, out, pos + 1, in.length - pos);
                return out;
            }
            default -> {
                byte[] out = new byte[pos];
                System.arraycopy(in, 0, out, 0, pos);
                return out;
            }
        }
    }

    @Provide
    Arbitrary<List<int[]>> mutations() {
        Arbitrary<int[]> one = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 100_000), Arbitraries.integers().between(0, 255))
                .as((op, pos, b) -> new int[] {op, pos, b});
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> fieldNames() {
        return Arbitraries.of("msgId", "ts", "readings", "readings.code", "readings.value", "readings.ts", "lat",
                "lon", "accuracy", "source", "type", "battery", "confidence", "refMsgId", "worn", "charging",
                "firmware", "rssi", "online");
    }

    @Provide
    Arbitrary<JsonNode> jsonValues() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return Arbitraries.oneOf(
                Arbitraries.just(f.nullNode()),
                Arbitraries.of(true, false).map(f::booleanNode),
                Arbitraries.integers().map(f::numberNode),
                Arbitraries.doubles().map(f::numberNode),
                Arbitraries.bigIntegers().between(java.math.BigInteger.ZERO, java.math.BigInteger.TEN.pow(40))
                        .map(f::numberNode),
                Arbitraries.strings().ofMaxLength(80).map(f::textNode),
                Arbitraries.just(f.arrayNode().add(1).add("x")),
                Arbitraries.just(f.objectNode().put("code", "HR")));
    }

    @Provide
    Arbitrary<UplinkMessage> messages() {
        return Arbitraries.oneOf(vitals(), locations(), events(), statuses());
    }

    static Arbitrary<String> msgIds() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars('_', '-', '.', ':').ofMinLength(1).ofMaxLength(64);
    }

    static Arbitrary<Instant> times() {
        // 2000-01-01 .. 2100-01-01 with any nanosecond
        return Combinators.combine(Arbitraries.longs().between(946_684_800L, 4_102_444_800L),
                Arbitraries.integers().between(0, 999_999_999).edgeCases(c -> c.add(0)))
                .as(Instant::ofEpochSecond);
    }

    static Arbitrary<Double> within(double min, double max) {
        return Arbitraries.doubles().between(min, max).ofScale(6).map(v -> v + 0.0);
    }

    static Arbitrary<Reading> readings(Instant messageTime) {
        return Arbitraries.of(VitalSign.class).flatMap(sign -> Combinators.combine(
                within(sign.plausibleMin(), sign.plausibleMax()),
                Arbitraries.oneOf(Arbitraries.just(messageTime), times()))
                .as((value, time) -> new Reading(sign, value, time)));
    }

    static Arbitrary<UplinkMessage> vitals() {
        return Combinators.combine(msgIds(), times()).flatAs((id, ts) ->
                readings(ts).list().ofMinSize(1).ofMaxSize(32).map(list -> new VitalsMessage(id, ts, list)));
    }

    static Arbitrary<GeoPoint> points() {
        return Combinators.combine(within(-90, 90), within(-180, 180)).as(GeoPoint::new);
    }

    static Arbitrary<UplinkMessage> locations() {
        return Combinators.combine(msgIds(), times(), points(), within(0, 10_000).injectNull(0.3),
                Arbitraries.of("GPS", "WIFI", "LBS"))
                .as(LocationMessage::new);
    }

    static Arbitrary<UplinkMessage> events() {
        return Combinators.combine(msgIds(), times(), Arbitraries.of(EventType.class), points().injectNull(0.4),
                within(0, 10_000).injectNull(0.5), Arbitraries.integers().between(0, 100).injectNull(0.5),
                within(0, 1).injectNull(0.5), msgIds().injectNull(0.5))
                .as(EventMessage::new);
    }

    static Arbitrary<UplinkMessage> statuses() {
        Arbitrary<Boolean> flag = Arbitraries.of(true, false).injectNull(0.3);
        return Combinators.combine(msgIds(), times(), Arbitraries.integers().between(0, 100).injectNull(0.3), flag,
                flag, Arbitraries.strings().withCharRange('!', '~').withCharRange('一', '龥').ofMaxLength(64)
                        .injectNull(0.3),
                Arbitraries.integers().between(-200, 0).injectNull(0.3), flag)
                .as(StatusMessage::new);
    }
}
