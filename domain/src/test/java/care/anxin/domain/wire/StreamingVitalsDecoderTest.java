package care.anxin.domain.wire;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.domain.vital.VitalSign;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the streaming vitals fast path: {@link UplinkCodec#decode} (fast path first)
 * must give exactly what {@link UplinkCodec#decodeWithoutFastPath} (the tree decoder) gives — the
 * same accepted message or the same problem list — for the golden vectors, for seeded random valid
 * payloads and for seeded mutations of them; and the fast path must really take the common ones.
 */
class StreamingVitalsDecoderTest {

    private static final UplinkCodec CODEC = new UplinkCodec();
    private static final VitalSign[] SIGNS = VitalSign.values();
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.:";
    /** Values of any type a broken or hostile device might put where a field's value belongs. */
    private static final List<String> JUNK = List.of("null", "true", "false", "\"72\"", "\"NaN\"", "NaN", "Infinity",
            "-Infinity", "1e400", "-1e400", "1e-400", "4.9e-324", "123456789012345678901234567890",
            "9223372036854775808", "2147483648", "-2147483649", "1" + "0".repeat(70), "[]", "{}", "[72]",
            "{\"code\":\"HR\",\"value\":72}", "0x10", "01", "+72", ".5", "72.", "\"\"", "\"\\u0000\"", "-", "7e",
            "\"HR\"", "\"hr\"", "\"2026-11-23T08:30:00+08:00\"", "[{\"code\":\"HR\",\"value\":72}]");
    private static final List<String> BAD_TIMES = List.of("\"yesterday\"", "\"2026-11-23T08:30:00\"",
            "\"2026-02-30T08:30:00Z\"", "\"2026-11-23T24:00:00Z\"", "\"2026-11-23T08:30:00+19:00\"",
            "\"2026-11-23 08:30:00Z\"", "\"2026-11-23T08:30:00.1234567890Z\"", "\"\"", "1700000000");
    private static final List<String> BAD_IDS = List.of("\"\"", "\"" + "a".repeat(65) + "\"", "\"WB 0001\"",
            "\"WB-\\u00e9\"", "\"WB/1\"", "\"\\n\"", "\"WB-\\uD800\"", "17");

    @Test
    void everyGoldenVectorDecodesAsTheTreePathDecodesIt() throws IOException {
        int fastAccepted = 0;
        for (GoldenVectorsTest.Golden g : GoldenVectorsTest.goldens()) {
            Optional<DeviceTopic> topic = DeviceTopic.parseUplink(g.topic());
            if (topic.isEmpty()) {
                continue; // commands go the other way
            }
            byte[] payload = g.body().getBytes(StandardCharsets.UTF_8);
            assertSame(topic.get().kind(), payload);
            if (topic.get().kind() == MessageKind.VITALS && StreamingVitalsDecoder.decode(payload) != null) {
                fastAccepted++;
            }
        }
        // vitals-wristband, vitals-own-times and the two dedup vectors are the plain valid shape
        assertThat(fastAccepted).isEqualTo(4);
    }

    @Test
    void randomValidPayloadsAreTakenByTheFastPathAndEqualTheTreeResult() {
        Random random = new Random(14);
        for (int i = 0; i < 3_000; i++) {
            Payload p = Payload.valid(random);
            byte[] bytes = p.render(random);
            String text = new String(bytes, StandardCharsets.UTF_8);
            DecodeResult tree = CODEC.decodeWithoutFastPath(MessageKind.VITALS, bytes);
            assertThat(tree).as(text).isInstanceOf(DecodeResult.Accepted.class);
            VitalsMessage fast = StreamingVitalsDecoder.decode(bytes);
            assertThat(fast).as("fast path gave up on " + text).isNotNull();
            assertThat(new DecodeResult.Accepted(fast)).as(text).isEqualTo(tree);
            assertThat(CODEC.decode(MessageKind.VITALS, bytes)).as(text).isEqualTo(tree);
        }
    }

    @Test
    void theLoadGeneratorsPayloadTakesTheFastPath() {
        Instant now = Instant.now(); // a fraction of a second in ts, as VitalsPayloads sends
        VitalsMessage sent = new VitalsMessage("run-7f3a-123456", now, List.of(new Reading(VitalSign.HR, 71, now),
                new Reading(VitalSign.SPO2, 97, now), new Reading(VitalSign.SBP, 125, now),
                new Reading(VitalSign.DBP, 81, now)));
        byte[] payload = CODEC.encode(sent);
        assertThat(StreamingVitalsDecoder.decode(payload)).isEqualTo(sent);
        assertThat(CODEC.decode(MessageKind.VITALS, payload)).isEqualTo(new DecodeResult.Accepted(sent));
    }

    @Test
    void unusualButValidPayloadsFallBackAndAreStillAccepted() {
        String base = "{\"msgId\":\"WB-1\",\"ts\":\"2026-11-23T08:30:00+08:00\",\"readings\":[%s]%s}";
        List<String> unusual = List.of(
                base.formatted("{\"code\":\"HR\",\"value\":72}", ",\"firmware\":\"2.4\""),
                base.formatted("{\"code\":\"HR\",\"value\":72,\"unit\":\"/min\"}", ""),
                base.formatted("{\"code\":\"HR\",\"value\":72,\"ts\":null}", ""),
                base.formatted("{\"code\":\"HR\",\"value\":72}", ",\"extra\":null"));
        for (String text : unusual) {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            assertThat(StreamingVitalsDecoder.decode(payload)).as(text).isNull();
            assertThat(CODEC.decode(MessageKind.VITALS, payload)).as(text).isInstanceOf(DecodeResult.Accepted.class);
            assertSame(MessageKind.VITALS, payload);
        }
    }

    @Test
    void mutatedPayloadsDecodeAsTheTreePathDecodesThem() {
        Random random = new Random(1414);
        int rejected = 0;
        int fastAccepted = 0;
        for (int i = 0; i < 6_000; i++) {
            Payload p = Payload.valid(random);
            int structural = 1 + random.nextInt(3);
            for (int m = 0; m < structural; m++) {
                p.mutate(random);
            }
            byte[] bytes = p.render(random);
            if (random.nextInt(3) == 0) {
                bytes = mutateBytes(bytes, random);
            }
            if (assertSame(MessageKind.VITALS, bytes) instanceof DecodeResult.Rejected) {
                rejected++;
            } else if (StreamingVitalsDecoder.decode(bytes) != null) {
                fastAccepted++; // a harmless mutation (order, blanks, an own ts, -0): still the fast path's
            }
        }
        assertThat(rejected).as("the mutations must reach the rejections").isGreaterThan(3_000);
        assertThat(fastAccepted).as("and compare some fast-path messages too").isGreaterThan(100);
    }

    @Test
    void otherKindsNeverTakeTheVitalsPath() {
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] bytes = Payload.valid(random).render(random);
            for (MessageKind kind : List.of(MessageKind.LOCATION, MessageKind.EVENT, MessageKind.STATUS)) {
                if (assertSame(kind, bytes) instanceof DecodeResult.Accepted accepted) {
                    assertThat(accepted.message().kind()).isEqualTo(kind); // status ignores unknown fields
                }
            }
        }
    }

    private static DecodeResult assertSame(MessageKind kind, byte[] payload) {
        DecodeResult tree = CODEC.decodeWithoutFastPath(kind, payload);
        assertThat(CODEC.decode(kind, payload)).as(new String(payload, StandardCharsets.UTF_8)).isEqualTo(tree);
        return tree;
    }

    private static byte[] mutateBytes(byte[] bytes, Random random) {
        String inserts = "{}[]\",:0e-. \\\u00ff";
        switch (random.nextInt(7)) {
            case 0 -> {
                return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            case 1 -> {
                byte[] out = bytes.clone();
                out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                return out;
            }
            case 2 -> {
                int at = random.nextInt(bytes.length + 1);
                byte[] insert = String.valueOf(inserts.charAt(random.nextInt(inserts.length())))
                        .getBytes(StandardCharsets.UTF_8);
                return concat(java.util.Arrays.copyOf(bytes, at), insert,
                        java.util.Arrays.copyOfRange(bytes, at, bytes.length));
            }
            case 3 -> {
                int at = random.nextInt(bytes.length);
                return concat(java.util.Arrays.copyOf(bytes, at), java.util.Arrays.copyOfRange(bytes, at + 1, bytes.length));
            }
            case 4 -> {
                return concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes);
            }
            case 5 -> {
                String[] tails = {"x", "{}", " ", "\n\t", "]", "null", "/*c*/", ","};
                return concat(bytes, tails[random.nextInt(tails.length)].getBytes(StandardCharsets.UTF_8));
            }
            default -> {
                byte[] out = bytes.clone();
                out[random.nextInt(out.length)] = (byte) (0x80 + random.nextInt(0x80)); // broken UTF-8
                return out;
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** A JSON object as raw name/value texts, so mutations can break any piece of it. */
    record Field(String name, String value) {
    }

    /** A vitals payload under construction: root fields (readings rendered from {@code readings}). */
    static final class Payload {
        private static final String READINGS = "\u0000readings";
        final List<Field> root = new ArrayList<>();
        final List<List<Field>> readings = new ArrayList<>();

        static Payload valid(Random random) {
            Payload p = new Payload();
            p.root.add(new Field(name("msgId", random), jsonString(messageId(random), random)));
            p.root.add(new Field(name("ts", random), "\"" + time(random) + "\""));
            p.root.add(new Field(name("readings", random), READINGS));
            Collections.shuffle(p.root, random);
            int count = 1 + random.nextInt(16);
            for (int i = 0; i < count; i++) {
                p.readings.add(reading(random));
            }
            return p;
        }

        static List<Field> reading(Random random) {
            VitalSign sign = SIGNS[random.nextInt(SIGNS.length)];
            List<Field> reading = new ArrayList<>();
            reading.add(new Field(name("code", random), jsonString(sign.code(), random)));
            reading.add(new Field(name("value", random), number(sign, random)));
            if (random.nextInt(4) == 0) {
                reading.add(new Field(name("ts", random), "\"" + time(random) + "\""));
            }
            Collections.shuffle(reading, random);
            return reading;
        }

        /** One structural fault (or an oddity the tree path accepts). */
        void mutate(Random random) {
            List<Field> target = readings.isEmpty() || random.nextBoolean() ? root
                    : readings.get(random.nextInt(readings.size()));
            int at = target.isEmpty() ? 0 : random.nextInt(target.size());
            switch (random.nextInt(14)) {
                case 0 -> {
                    if (!target.isEmpty()) {
                        target.remove(at);
                    }
                }
                case 1 -> {
                    if (!target.isEmpty()) { // a duplicated key, same or other value
                        Field f = target.get(at);
                        target.add(random.nextInt(target.size() + 1),
                                random.nextBoolean() ? f : new Field(f.name(), junk(random)));
                    }
                }
                case 2, 3 -> {
                    if (!target.isEmpty()) {
                        target.set(at, new Field(target.get(at).name(), junk(random)));
                    }
                }
                case 4 -> target.add(random.nextInt(target.size() + 1), new Field("\"extra\"",
                        random.nextBoolean() ? junk(random) : "\"ok\""));
                case 5 -> target.add(random.nextInt(target.size() + 1), new Field("\"ts\"",
                        random.nextBoolean() ? "\"" + time(random) + "\"" : BAD_TIMES.get(random.nextInt(BAD_TIMES.size()))));
                case 6 -> setRoot("\"msgId\"", BAD_IDS.get(random.nextInt(BAD_IDS.size())));
                case 7 -> setRoot("\"ts\"", BAD_TIMES.get(random.nextInt(BAD_TIMES.size())));
                case 8 -> { // a value just outside, on, or far outside the plausible range
                    if (!readings.isEmpty()) {
                        List<Field> reading = readings.get(random.nextInt(readings.size()));
                        VitalSign sign = SIGNS[random.nextInt(SIGNS.length)];
                        double[] edges = {sign.plausibleMin(), sign.plausibleMax(), sign.plausibleMin() - 0.001,
                                sign.plausibleMax() + 1e-9, -sign.plausibleMax(), sign.plausibleMax() * 1000};
                        reading.clear();
                        reading.add(new Field("\"code\"", "\"" + sign.code() + "\""));
                        reading.add(new Field("\"value\"", Double.toString(edges[random.nextInt(edges.length)])));
                    }
                }
                case 9 -> readings.clear();
                case 10 -> {
                    while (readings.size() <= UplinkDecoder.MAX_READINGS) {
                        readings.add(reading(random));
                    }
                }
                case 11 -> { // an unknown code, or a known one in lower case
                    if (!readings.isEmpty()) {
                        String code = random.nextBoolean() ? "XYZ"
                                : SIGNS[random.nextInt(SIGNS.length)].code().toLowerCase(java.util.Locale.ROOT);
                        readings.get(random.nextInt(readings.size()))
                                .replaceAll(f -> f.name().equals("\"code\"") ? new Field(f.name(), "\"" + code + "\"") : f);
                    }
                }
                case 12 -> target.add(random.nextInt(target.size() + 1),
                        new Field(random.nextBoolean() ? "\"msgId\"" : "\"value\"", "null"));
                default -> Collections.shuffle(target, random);
            }
        }

        private void setRoot(String name, String value) {
            root.replaceAll(f -> f.name().equals(name) ? new Field(name, value) : f);
        }

        byte[] render(Random random) {
            StringBuilder out = new StringBuilder();
            object(out, root, random);
            space(out, random);
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }

        private void object(StringBuilder out, List<Field> fields, Random random) {
            space(out, random);
            out.append('{');
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                space(out, random);
                out.append(fields.get(i).name());
                space(out, random);
                out.append(':');
                space(out, random);
                if (fields.get(i).value().equals(READINGS)) {
                    array(out, random);
                } else {
                    out.append(fields.get(i).value());
                }
                space(out, random);
            }
            out.append('}');
        }

        private void array(StringBuilder out, Random random) {
            out.append('[');
            for (int i = 0; i < readings.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                object(out, readings.get(i), random);
                space(out, random);
            }
            out.append(']');
        }

        private static void space(StringBuilder out, Random random) {
            if (random.nextInt(4) == 0) {
                String[] blanks = {" ", "\n", "\t", "\r\n", "  "};
                out.append(blanks[random.nextInt(blanks.length)]);
            }
        }

        private static String junk(Random random) {
            return JUNK.get(random.nextInt(JUNK.size()));
        }
    }

    /** A field name, sometimes with a character written as a unicode escape (still the same name). */
    private static String name(String name, Random random) {
        return random.nextInt(10) == 0 ? jsonString(name, random) : "\"" + name + "\"";
    }

    /** A JSON string of {@code text} with some characters as {@code \\uXXXX} escapes. */
    private static String jsonString(String text, Random random) {
        StringBuilder out = new StringBuilder("\"");
        boolean escapes = random.nextInt(4) == 0;
        for (char c : text.toCharArray()) {
            if (escapes && random.nextInt(3) == 0) {
                out.append(String.format(random.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String messageId(Random random) {
        int length = random.nextInt(8) == 0 ? 64 : 1 + random.nextInt(30);
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < length; i++) {
            id.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
        }
        return id.toString();
    }

    /** A valid wire time in the shapes devices use: Z or an offset, 0-9 fraction digits, no seconds. */
    private static String time(Random random) {
        Instant at = Instant.parse("2026-11-23T00:30:00Z").plusSeconds(random.nextInt(86_400 * 400) - 86_400 * 200);
        String text = WireTime.format(at.plusNanos(random.nextInt(3) == 0 ? random.nextInt(1_000_000_000) : 0));
        return switch (random.nextInt(4)) {
            case 0 -> text.replace("Z", "+08:00");
            case 1 -> text.replace("Z", "-03:30");
            case 2 -> text.endsWith(":00Z") ? text.substring(0, text.length() - 4) + "Z" : text; // no seconds
            default -> text;
        };
    }

    /** A plausible value for {@code sign} written as an int, a decimal or with an exponent. */
    private static String number(VitalSign sign, Random random) {
        double span = sign.plausibleMax() - sign.plausibleMin();
        double target = switch (random.nextInt(10)) {
            case 0 -> sign.plausibleMin();
            case 1 -> sign.plausibleMax();
            default -> sign.plausibleMin() + random.nextDouble() * span;
        };
        BigDecimal value = BigDecimal.valueOf(target).setScale(random.nextInt(4), RoundingMode.DOWN);
        if (sign.plausibleMin() == 0 && random.nextInt(10) == 0) {
            return random.nextBoolean() ? "-0" : "-0.0";
        }
        return switch (random.nextInt(4)) {
            case 0 -> value.setScale(0, RoundingMode.DOWN).toPlainString();
            case 1 -> value.toPlainString();
            case 2 -> { // mantissa with or without a point, exponent e/E with or without a sign
                String digits = value.unscaledValue().toString();
                int point = random.nextInt(digits.length() + 1);
                String mantissa = point == digits.length() ? digits
                        : (point == 0 ? "0" : digits.substring(0, point)) + "." + digits.substring(point);
                int exponent = (digits.length() - point) - value.scale();
                String sign10 = exponent >= 0 && random.nextBoolean() ? "+" : "";
                yield mantissa + (random.nextBoolean() ? "e" : "E") + sign10 + exponent;
            }
            default -> value.stripTrailingZeros().toString(); // BigDecimal's own scientific form, e.g. 1E+2
        };
    }
}
