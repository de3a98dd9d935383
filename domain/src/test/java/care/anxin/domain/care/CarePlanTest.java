package care.anxin.domain.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import care.anxin.domain.vital.VitalSign;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CarePlanTest {

    @Test
    void classifiesAtTheStatedCutOffs() {
        CarePlan plan = CarePlan.defaultsForAge(70);
        assertThat(plan.classify(VitalSign.SPO2, 97)).isEqualTo(Classification.NORMAL);
        assertThat(plan.classify(VitalSign.SPO2, 94)).isEqualTo(Classification.NORMAL);
        assertThat(plan.classify(VitalSign.SPO2, 93)).isEqualTo(Classification.LOW);
        assertThat(plan.classify(VitalSign.SPO2, 90)).isEqualTo(Classification.LOW);
        assertThat(plan.classify(VitalSign.SPO2, 89)).isEqualTo(Classification.CRITICAL_LOW);
        assertThat(plan.classify(VitalSign.SBP, 159)).isEqualTo(Classification.NORMAL);
        assertThat(plan.classify(VitalSign.SBP, 160)).isEqualTo(Classification.HIGH);
        assertThat(plan.classify(VitalSign.SBP, 180)).isEqualTo(Classification.CRITICAL_HIGH);
        assertThat(plan.classify(VitalSign.SBP, 89)).isEqualTo(Classification.LOW);
        assertThat(plan.classify(VitalSign.SBP, 79)).isEqualTo(Classification.CRITICAL_LOW);
        assertThat(plan.classify(VitalSign.TEMP, 37.2)).isEqualTo(Classification.NORMAL);
        assertThat(plan.classify(VitalSign.TEMP, 37.3)).isEqualTo(Classification.HIGH);
        assertThat(plan.classify(VitalSign.TEMP, 38.5)).isEqualTo(Classification.CRITICAL_HIGH);
        assertThat(plan.classify(VitalSign.TEMP, 34.9)).isEqualTo(Classification.CRITICAL_LOW);
        assertThat(plan.classify(VitalSign.HR, 72)).isEqualTo(Classification.NORMAL);
        assertThat(plan.classify(VitalSign.HR, 45)).isEqualTo(Classification.LOW);
        assertThat(plan.classify(VitalSign.HR, 140)).isEqualTo(Classification.CRITICAL_HIGH);
        assertThat(plan.classify(VitalSign.RR, 8)).isEqualTo(Classification.CRITICAL_LOW);
        assertThat(plan.classify(VitalSign.GLU, 3.5)).isEqualTo(Classification.LOW);
        assertThat(plan.classify(VitalSign.STEPS, 0)).isEqualTo(Classification.NORMAL);
        assertThat(Classification.CRITICAL_LOW.critical()).isTrue();
        assertThat(Classification.LOW.abnormal()).isTrue();
        assertThat(Classification.LOW.critical()).isFalse();
        assertThat(Classification.NORMAL.abnormal()).isFalse();
    }

    @Test
    void defaultsDependOnTheAgeBand() {
        assertThat(AgeBand.of(50)).isEqualTo(AgeBand.AGE_60_74);
        assertThat(AgeBand.of(74)).isEqualTo(AgeBand.AGE_60_74);
        assertThat(AgeBand.of(75)).isEqualTo(AgeBand.AGE_75_84);
        assertThat(AgeBand.of(84)).isEqualTo(AgeBand.AGE_75_84);
        assertThat(AgeBand.of(85)).isEqualTo(AgeBand.AGE_85_PLUS);
        assertThat(AgeBand.of(104)).isEqualTo(AgeBand.AGE_85_PLUS);
        // relaxed blood-pressure target for the oldest old, stricter hypotension line from 75
        assertThat(CarePlan.defaultsForAge(70).classify(VitalSign.SBP, 165)).isEqualTo(Classification.HIGH);
        assertThat(CarePlan.defaultsForAge(90).classify(VitalSign.SBP, 165)).isEqualTo(Classification.NORMAL);
        assertThat(CarePlan.defaultsForAge(70).classify(VitalSign.SBP, 93)).isEqualTo(Classification.NORMAL);
        assertThat(CarePlan.defaultsForAge(80).classify(VitalSign.SBP, 93)).isEqualTo(Classification.LOW);
        // blunted fever response in the oldest old
        assertThat(CarePlan.defaultsForAge(80).classify(VitalSign.TEMP, 37.2)).isEqualTo(Classification.NORMAL);
        assertThat(CarePlan.defaultsForAge(88).classify(VitalSign.TEMP, 37.2)).isEqualTo(Classification.HIGH);
        assertThat(CarePlan.defaultsForAge(88).inactivityHours()).isEqualTo(3);
        assertThat(CarePlan.defaultsForAge(70).inactivityHours()).isEqualTo(4);
        for (int age : new int[] {60, 80, 95}) {
            CarePlan plan = CarePlan.defaultsForAge(age);
            assertThat(plan.thresholds().keySet()).isEqualTo(EnumSet.complementOf(EnumSet.of(VitalSign.STEPS)));
            assertThat(plan.noDataMinutes()).isEqualTo(60);
        }
    }

    @Test
    void withDefaultsKeepsTheElderOwnValues() {
        CarePlan own = new CarePlan(Map.of(VitalSign.HR, new Threshold(null, null, 100.0, null)), 6, null);
        CarePlan merged = own.withDefaultsForAge(80);
        assertThat(merged.threshold(VitalSign.HR)).isEqualTo(new Threshold(null, null, 100.0, null));
        assertThat(merged.threshold(VitalSign.SPO2)).isEqualTo(AgeBand.AGE_75_84.thresholds().get(VitalSign.SPO2));
        assertThat(merged.inactivityHours()).isEqualTo(6);
        assertThat(merged.noDataMinutes()).isEqualTo(60);
        assertThat(own.classify(VitalSign.HR, 30)).isEqualTo(Classification.NORMAL);
        assertThat(own.threshold(VitalSign.GLU)).isEqualTo(Threshold.NONE);
    }

    @Test
    void thresholdsMustBeOrdered() {
        assertThatThrownBy(() -> Threshold.of(50, 40, 110, 130)).hasMessageContaining("criticalLow");
        assertThatThrownBy(() -> new Threshold(null, 100.0, 100.0, null)).hasMessageContaining("low");
        assertThatThrownBy(() -> new Threshold(null, null, 120.0, 110.0)).hasMessageContaining("criticalHigh");
        assertThatThrownBy(() -> new Threshold(Double.NaN, null, null, null)).hasMessageContaining("finite");
        assertThat(new Threshold(90.0, 90.0, null, null).classify(89.9)).isEqualTo(Classification.CRITICAL_LOW);
    }

    @Test
    void jsonRoundTripAndStoredShape() {
        String stored = "{\"thresholds\":{\"HR\":{\"criticalLow\":40,\"low\":50,\"high\":110,\"criticalHigh\":130}},"
                + "\"inactivityHours\":4,\"noDataMinutes\":60}";
        CarePlan plan = CarePlanJson.parse(stored);
        assertThat(plan.threshold(VitalSign.HR)).isEqualTo(Threshold.of(40, 50, 110, 130));
        assertThat(plan.inactivityHours()).isEqualTo(4);
        assertThat(CarePlanJson.toJson(plan)).isEqualTo(stored);
        for (int age : new int[] {65, 80, 90}) {
            CarePlan defaults = CarePlan.defaultsForAge(age);
            assertThat(CarePlanJson.parse(CarePlanJson.toJson(defaults))).isEqualTo(defaults);
        }
    }

    @Test
    void parsingIsTolerantWhereSafeAndClearWhereNot() {
        assertThat(CarePlanJson.parse(null)).isEqualTo(CarePlan.EMPTY);
        assertThat(CarePlanJson.parse("  ")).isEqualTo(CarePlan.EMPTY);
        assertThat(CarePlanJson.parse("null")).isEqualTo(CarePlan.EMPTY);
        assertThat(CarePlanJson.parse("{}")).isEqualTo(CarePlan.EMPTY);
        assertThat(CarePlanJson.parse("{\"thresholds\":{\"XYZ\":{\"low\":1},\"SPO2\":{\"low\":94}},\"note\":1}"))
                .isEqualTo(new CarePlan(Map.of(VitalSign.SPO2, new Threshold(null, 94.0, null, null)), null, null));
        assertThatThrownBy(() -> CarePlanJson.parse("{\"thresholds\":")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> CarePlanJson.parse("{\"thresholds\":{\"HR\":{\"low\":\"50\"}}}"))
                .hasMessageContaining("thresholds.HR.low");
        assertThatThrownBy(() -> CarePlanJson.parse("{\"thresholds\":{\"HR\":{\"low\":120,\"high\":100}}}"))
                .hasMessageContaining("thresholds.HR");
        assertThatThrownBy(() -> CarePlanJson.parse("{\"noDataMinutes\":0}")).hasMessageContaining("noDataMinutes");
        assertThatThrownBy(() -> CarePlanJson.parse("[1]")).hasMessageContaining("object");
    }
}
