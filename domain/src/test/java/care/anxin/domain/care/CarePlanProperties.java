package care.anxin.domain.care;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.domain.vital.VitalSign;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CarePlanProperties {

    @Property(tries = 300)
    void jsonRoundTrips(@ForAll("plans") CarePlan plan) {
        assertThat(CarePlanJson.parse(CarePlanJson.toJson(plan))).isEqualTo(plan);
    }

    /** Severity only grows as a value moves away from the normal band. */
    @Property(tries = 300)
    void classificationIsMonotonic(@ForAll("thresholds") Threshold t,
                                   @ForAll("values") double a, @ForAll("values") double b) {
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        Classification atLo = t.classify(lo);
        Classification atHi = t.classify(hi);
        if (atHi == Classification.CRITICAL_LOW) {
            assertThat(atLo).isEqualTo(Classification.CRITICAL_LOW);
        }
        if (atHi == Classification.LOW) {
            assertThat(atLo).isIn(Classification.LOW, Classification.CRITICAL_LOW);
        }
        if (atLo == Classification.CRITICAL_HIGH) {
            assertThat(atHi).isEqualTo(Classification.CRITICAL_HIGH);
        }
        if (atLo == Classification.HIGH) {
            assertThat(atHi).isIn(Classification.HIGH, Classification.CRITICAL_HIGH);
        }
    }

    @Provide
    Arbitrary<Double> values() {
        return Arbitraries.doubles().between(0, 300).ofScale(1);
    }

    @Provide
    Arbitrary<Threshold> thresholds() {
        // four sorted bounds, each independently left out
        return Arbitraries.doubles().between(0, 300).ofScale(1).list().ofSize(4)
                .map(list -> list.stream().sorted().toList())
                .filter(b -> b.get(1) < b.get(2))
                .flatMap(b -> Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
                        Arbitraries.of(true, false), Arbitraries.of(true, false))
                        .as((x, y, z, w) -> new Threshold(x ? b.get(0) : null, y ? b.get(1) : null,
                                z ? b.get(2) : null, w ? b.get(3) : null)));
    }

    @Provide
    Arbitrary<CarePlan> plans() {
        Arbitrary<Map<VitalSign, Threshold>> maps = Arbitraries.maps(Arbitraries.of(VitalSign.class), thresholds())
                .ofMaxSize(VitalSign.values().length);
        return Combinators.combine(maps, Arbitraries.integers().between(1, 48).injectNull(0.3),
                Arbitraries.integers().between(1, 1440).injectNull(0.3)).as(CarePlan::new);
    }
}
