package care.anxin.domain.wire;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.domain.geo.GeoPoint;
import care.anxin.domain.vital.VitalSign;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UplinkCodecTest {

    private final UplinkCodec codec = new UplinkCodec();

    private DecodeResult decode(MessageKind kind, String json) {
        return codec.decode(kind, json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Problem> problems(DecodeResult result) {
        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        return ((DecodeResult.Rejected) result).problems();
    }

    private static UplinkMessage accepted(DecodeResult result) {
        assertThat(result).as(String.valueOf(result)).isInstanceOf(DecodeResult.Accepted.class);
        return ((DecodeResult.Accepted) result).message();
    }

    @Test
    void implausibleValueReasonNamesFieldRangeUnitAndCode() {
        DecodeResult result = decode(MessageKind.VITALS,
                "{\"msgId\":\"a1\",\"ts\":\"2026-11-23T08:32:00+08:00\",\"readings\":[{\"code\":\"HR\",\"value\":400}]}");
        assertThat(((DecodeResult.Rejected) result).summary())
                .isEqualTo("readings[0].value: 400 is outside the plausible range 20-250 /min for HR");
    }

    @Test
    void reportsEveryProblemNotJustTheFirst() {
        List<Problem> problems = problems(decode(MessageKind.VITALS,
                "{\"msgId\":\"bad id!\",\"ts\":\"2026-11-23T08:32:00\",\"readings\":[{\"code\":\"HR\",\"value\":\"72\"},"
                        + "{\"code\":\"BP\",\"value\":1},{\"code\":\"TEMP\",\"value\":36.6,\"ts\":5},7]}"));
        assertThat(problems).extracting(Problem::field).containsExactly(
                "msgId", "ts", "readings[0].value", "readings[1].code", "readings[2].ts", "readings[3]");
        assertThat(problems.get(1).reason()).contains("offset");
        assertThat(problems.get(2).reason()).contains("must be a number");
    }

    @Test
    void hugeNumbersAreTooLargeNotCrashes() {
        Problem problem = problems(decode(MessageKind.VITALS, "{\"msgId\":\"a1\",\"ts\":\"2026-11-23T08:32:00Z\","
                + "\"readings\":[{\"code\":\"HR\",\"value\":1e400}]}")).get(0);
        assertThat(problem).isEqualTo(new Problem("readings[0].value", "is too large to be a measurement"));
    }

    @Test
    void readingsCountIsOneToThirtyTwo() {
        String base = "{\"msgId\":\"m\",\"ts\":\"2026-11-23T08:32:00Z\",\"readings\":[";
        assertThat(problems(decode(MessageKind.VITALS, base + "]}"))).extracting(Problem::field)
                .containsExactly("readings");
        StringBuilder many = new StringBuilder(base);
        for (int i = 0; i < 33; i++) {
            many.append(i == 0 ? "" : ",").append("{\"code\":\"STEPS\",\"value\":").append(i).append('}');
        }
        assertThat(problems(decode(MessageKind.VITALS, many + "]}")).get(0).reason()).contains("got 33");
        VitalsMessage ok = (VitalsMessage) accepted(decode(MessageKind.VITALS,
                many.substring(0, many.lastIndexOf(",{")) + "]}"));
        assertThat(ok.readings()).hasSize(32);
    }

    @Test
    void readingTakesItsOwnTimeOrTheMessageTime() {
        VitalsMessage message = (VitalsMessage) accepted(decode(MessageKind.VITALS,
                "{\"msgId\":\"WB-1:2.3\",\"ts\":\"2026-11-23T08:31:00+08:00\",\"readings\":[{\"code\":\"TEMP\","
                        + "\"value\":36.6,\"ts\":\"2026-11-23T08:30:30+08:00\"},{\"code\":\"STEPS\",\"value\":140}]}"));
        assertThat(message.deviceTime()).isEqualTo(Instant.parse("2026-11-23T00:31:00Z"));
        assertThat(message.readings()).containsExactly(
                new Reading(VitalSign.TEMP, 36.6, Instant.parse("2026-11-23T00:30:30Z")),
                new Reading(VitalSign.STEPS, 140, Instant.parse("2026-11-23T00:31:00Z")));
    }

    @Test
    void unknownFieldsAreIgnoredAndNullMeansAbsent() {
        StatusMessage status = (StatusMessage) accepted(decode(MessageKind.STATUS,
                "{\"msgId\":\"s\",\"ts\":\"2026-11-23T09:10:00+08:00\",\"battery\":null,\"future\":{\"x\":[1,2]},"
                        + "\"worn\":true}"));
        assertThat(status.battery()).isNull();
        assertThat(status.worn()).isTrue();
    }

    @Test
    void statusFieldsAreTyped() {
        assertThat(problems(decode(MessageKind.STATUS, "{\"msgId\":\"s\",\"ts\":\"2026-11-23T09:10:00+08:00\","
                + "\"battery\":101,\"worn\":\"yes\",\"charging\":1,\"firmware\":7,\"rssi\":-71.5,\"online\":null}")))
                .extracting(Problem::field).containsExactly("battery", "worn", "charging", "firmware", "rssi");
    }

    @Test
    void locationRangesAndSource() {
        LocationMessage fix = (LocationMessage) accepted(decode(MessageKind.LOCATION,
                "{\"msgId\":\"l\",\"ts\":\"2026-11-23T09:05:00+08:00\",\"lat\":-90,\"lon\":180}"));
        assertThat(fix.point()).isEqualTo(new GeoPoint(-90, 180));
        assertThat(fix.source()).isEqualTo("GPS");
        assertThat(fix.accuracyM()).isNull();
        assertThat(problems(decode(MessageKind.LOCATION, "{\"msgId\":\"l\",\"ts\":\"2026-11-23T09:05:00+08:00\","
                + "\"lon\":180.5,\"accuracy\":-1,\"source\":\"BEIDOU\"}")))
                .extracting(Problem::field).containsExactly("lat", "lon", "accuracy", "source");
    }

    @Test
    void eventOptionalFields() {
        EventMessage sos = (EventMessage) accepted(decode(MessageKind.EVENT,
                "{\"msgId\":\"e\",\"ts\":\"2026-11-23T09:07:00+08:00\",\"type\":\"SOS\",\"lat\":31.2305,"
                        + "\"lon\":121.4736,\"accuracy\":8.5,\"battery\":64}"));
        assertThat(sos.type().urgent()).isTrue();
        assertThat(sos.point()).isEqualTo(new GeoPoint(31.2305, 121.4736));
        assertThat(sos.accuracyM()).isEqualTo(8.5);
        assertThat(sos.battery()).isEqualTo(64);
        assertThat(problems(decode(MessageKind.EVENT, "{\"msgId\":\"e\",\"ts\":\"2026-11-23T09:07:00+08:00\","
                + "\"type\":\"FALL\",\"lat\":31.2,\"confidence\":1.2,\"refMsgId\":\"\"}")))
                .extracting(Problem::field).containsExactly("lon", "confidence", "refMsgId");
        assertThat(problems(decode(MessageKind.EVENT, "{\"msgId\":\"e\",\"ts\":\"2026-11-23T09:07:00+08:00\"}")))
                .extracting(Problem::field).containsExactly("type");
    }

    @Test
    void payloadLevelRejections() {
        assertThat(problems(codec.decode(MessageKind.STATUS, new byte[0]))).extracting(Problem::field)
                .containsExactly("payload");
        assertThat(problems(codec.decode(MessageKind.STATUS, null))).extracting(Problem::field)
                .containsExactly("payload");
        assertThat(problems(decode(MessageKind.STATUS, "[1,2]")).get(0).reason()).contains("JSON object");
        assertThat(problems(decode(MessageKind.STATUS, "{\"msgId\":\"a\"} {}")).get(0).field()).isEqualTo("payload");
        assertThat(problems(decode(MessageKind.STATUS, "{\"msgId\":\"a\",\"msgId\":\"b\"}")).get(0).reason())
                .contains("Duplicate");
        assertThat(problems(decode(MessageKind.STATUS, "[".repeat(5000))).get(0).field()).isEqualTo("payload");
        assertThat(problems(decode(MessageKind.STATUS, "{\"msgId\":\"a\",\"rssi\":1" + "0".repeat(500) + "}"))
                .get(0).field()).isEqualTo("payload");
        assertThat(problems(codec.decode(MessageKind.STATUS, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}))
                .get(0).field()).isEqualTo("payload");
        byte[] big = ("{\"msgId\":\"a\",\"pad\":\"" + "x".repeat(16 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(problems(codec.decode(MessageKind.STATUS, big)).get(0).reason()).contains("16 KiB");
        assertThat(problems(codec.decode(null, "{}".getBytes(StandardCharsets.UTF_8))).get(0).field())
                .isEqualTo("topic");
    }

    @Test
    void leadingWhitespaceAndByteOrderMarkAreFine() {
        byte[] json = "{\"msgId\":\"will\",\"ts\":\"2026-11-23T07:00:00+08:00\",\"online\":false}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[json.length + 6];
        padded[0] = (byte) 0xEF;
        padded[1] = (byte) 0xBB;
        padded[2] = (byte) 0xBF;
        padded[3] = ' ';
        padded[4] = '\r';
        padded[5] = '\n';
        System.arraycopy(json, 0, padded, 6, json.length);
        assertThat(((StatusMessage) accepted(codec.decode(MessageKind.STATUS, padded))).offline()).isTrue();
        assertThat(problems(decode(MessageKind.STATUS, "   ")).get(0).reason()).contains("JSON object");
    }

    @Test
    void deviceTextInReasonsCannotForgeLogLines() {
        Problem problem = problems(decode(MessageKind.STATUS,
                "{\"msgId\":\"a\\nFAKE LOG LINE\",\"ts\":\"2026-11-23T07:00:00+08:00\"}")).get(0);
        assertThat(problem.field()).isEqualTo("msgId");
        assertThat(problem.reason()).contains("a?FAKE LOG LINE").doesNotContain("\n");
    }

    @Test
    void manyProblemsAreCappedWithACount() {
        StringBuilder json = new StringBuilder("{\"msgId\":\"m\",\"ts\":\"2026-11-23T08:32:00Z\",\"readings\":[");
        for (int i = 0; i < 30; i++) {
            json.append(i == 0 ? "" : ",").append("{\"code\":\"HR\",\"value\":999}");
        }
        List<Problem> problems = problems(decode(MessageKind.VITALS, json + "]}"));
        assertThat(problems).hasSize(PayloadFields.MAX_LISTED + 1);
        assertThat(problems.get(problems.size() - 1)).isEqualTo(new Problem("payload", "10 more problems not listed"));
    }

    @Test
    void encodesCompactJsonThatDecodesBack() {
        VitalsMessage message = new VitalsMessage("WB-0001-1", Instant.parse("2026-11-23T00:30:00Z"),
                List.of(new Reading(VitalSign.HR, 72, Instant.parse("2026-11-23T00:30:00Z")),
                        new Reading(VitalSign.TEMP, 36.6, Instant.parse("2026-11-23T00:29:30.250Z"))));
        String json = new String(codec.encode(message), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"msgId\":\"WB-0001-1\",\"ts\":\"2026-11-23T00:30:00Z\",\"readings\":["
                + "{\"code\":\"HR\",\"value\":72},{\"code\":\"TEMP\",\"value\":36.6,\"ts\":\"2026-11-23T00:29:30.25Z\"}]}");
        assertThat(accepted(decode(MessageKind.VITALS, json))).isEqualTo(message);
    }
}
