package care.anxin.domain.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/** The hand-written fast path of {@link WireTime#parse} must agree with ISO_OFFSET_DATE_TIME on every string. */
class WireTimeProperties {

    @Property(tries = 3000)
    void fastPathAgreesWithTheFormatter(@ForAll("timestamps") String text) {
        Instant expected = WireTime.parseWithFormatter(text);
        assertThat(WireTime.parse(text)).as(text).isEqualTo(expected);
        Statistics.collect(expected != null);
        // both valid and invalid strings must be generated in bulk, or the comparison proves little
        Statistics.coverage(c -> {
            c.check(true).percentage(p -> p > 15);
            c.check(false).percentage(p -> p > 15);
        });
    }

    @Property(tries = 300)
    void formatThenParseIsIdentity(@ForAll("instants") Instant time) {
        assertThat(WireTime.parse(WireTime.format(time))).isEqualTo(time);
    }

    @Example
    void examples() {
        assertThat(WireTime.parse("2026-11-23T08:30:00+08:00")).isEqualTo(Instant.parse("2026-11-23T00:30:00Z"));
        assertThat(WireTime.parse("2026-11-23T08:30:00.5-03:30")).isEqualTo(Instant.parse("2026-11-23T12:00:00.5Z"));
        assertThat(WireTime.parse("2026-11-23t08:30z")).isEqualTo(Instant.parse("2026-11-23T08:30:00Z"));
        assertThat(WireTime.parse("2024-02-29T00:00:00Z")).isNotNull();
        assertThat(WireTime.parse("2026-02-29T00:00:00Z")).isNull();
        assertThat(WireTime.parse("2026-11-23T08:30:00")).isNull();
        assertThat(WireTime.parse("2026-11-23T24:00:00Z")).isNull();
        assertThat(WireTime.parse("2026-11-23T08:30:00+18:30")).isNull();
        assertThat(WireTime.parse("yesterday")).isNull();
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Combinators.combine(Arbitraries.longs().between(-62_000_000_000L, 253_000_000_000L),
                Arbitraries.integers().between(0, 999_999_999)).as(Instant::ofEpochSecond);
    }

    /** Mostly in range (so many strings are valid), sometimes just outside. */
    private static Arbitrary<String> field(int min, int max, int wildMin, int wildMax) {
        return Arbitraries.frequencyOf(
                Tuple.of(9, Arbitraries.integers().between(min, max)),
                Tuple.of(1, Arbitraries.integers().between(wildMin, wildMax)))
                .map(i -> String.format("%02d", i));
    }

    @Provide
    Arbitrary<String> timestamps() {
        Arbitrary<String> year = Arbitraries.frequencyOf(
                Tuple.of(19, Arbitraries.integers().between(0, 9999).map(i -> String.format("%04d", i))),
                Tuple.of(1, Arbitraries.of("+10000", "-0001", "99", "2O26")));
        Arbitrary<String> fraction = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.just(".")),
                Tuple.of(5, Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(11).map(d -> "." + d)));
        Arbitrary<String> offset = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of("Z", "z", "", "+08", "+0800", "+08:00:00", "-00:00",
                        "+18:00", "-18:00", "+18:01", "UTC", "+8:00")),
                Tuple.of(8, Combinators.combine(Arbitraries.of("+", "-"), field(0, 14, 15, 99),
                        field(0, 59, 60, 99)).as((sign, h, m) -> sign + h + ":" + m)));
        Arbitrary<String> sep = Arbitraries.of("T", "T", "T", "T", "T", "T", "t", " ");
        Arbitrary<String> seconds = Arbitraries.frequencyOf(
                Tuple.of(9, field(0, 59, 60, 99).map(sec -> ":" + sec)),
                Tuple.of(1, Arbitraries.just("")));
        return Combinators.combine(year, field(1, 12, 0, 13), field(1, 31, 0, 32), sep, field(0, 23, 24, 25),
                        field(0, 59, 60, 99), seconds, Combinators.combine(fraction, offset).as((f, o) -> f + o))
                .as((y, mo, d, t, h, mi, sec, rest) -> y + "-" + mo + "-" + d + t + h + ":" + mi + sec + rest);
    }
}
