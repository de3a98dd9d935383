package care.anxin.domain.score;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.domain.vital.VitalSign;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EarlyWarningScoreTest {

    private static Map<VitalSign, Double> vitals(double rr, double spo2, double sbp, double hr, double temp) {
        Map<VitalSign, Double> map = new EnumMap<>(VitalSign.class);
        map.put(VitalSign.RR, rr);
        map.put(VitalSign.SPO2, spo2);
        map.put(VitalSign.SBP, sbp);
        map.put(VitalSign.HR, hr);
        map.put(VitalSign.TEMP, temp);
        return map;
    }

    @Test
    void healthyElderScoresZero() {
        ScoreResult r = EarlyWarningScore.score(vitals(16, 97, 128, 72, 36.6));
        assertThat(r.total()).isZero();
        assertThat(r.risk()).isEqualTo(Risk.LOW);
        assertThat(r.missing()).isEmpty();
        assertThat(r.complete()).isTrue();
        assertThat(r.parts()).containsOnlyKeys(EarlyWarningScore.SCORED);
    }

    @Test
    void singleExtremeParameterIsLowMedium() {
        ScoreResult r = EarlyWarningScore.score(vitals(16, 91, 128, 72, 36.6));
        assertThat(r.total()).isEqualTo(3);
        assertThat(r.parts()).containsEntry(VitalSign.SPO2, 3);
        assertThat(r.risk()).isEqualTo(Risk.LOW_MEDIUM);
    }

    @Test
    void infectionPictureIsMediumThenHigh() {
        // RR 22 (2) + SpO2 95 (1) + SBP 128 (0) + HR 105 (1) + T 38.6 (1) = 5
        ScoreResult medium = EarlyWarningScore.score(vitals(22, 95, 128, 105, 38.6));
        assertThat(medium.total()).isEqualTo(5);
        assertThat(medium.risk()).isEqualTo(Risk.MEDIUM);
        // RR 26 (3) + SpO2 92 (2) + SBP 98 (2) + HR 118 (2) + T 39.4 (2) = 11
        ScoreResult high = EarlyWarningScore.score(vitals(26, 92, 98, 118, 39.4));
        assertThat(high.total()).isEqualTo(11);
        assertThat(high.parts()).containsEntry(VitalSign.RR, 3).containsEntry(VitalSign.SPO2, 2)
                .containsEntry(VitalSign.SBP, 2).containsEntry(VitalSign.HR, 2).containsEntry(VitalSign.TEMP, 2);
        assertThat(high.risk()).isEqualTo(Risk.HIGH);
    }

    @Test
    void boundariesFollowTheNews2Chart() {
        int[][] hr = {{40, 3}, {41, 1}, {50, 1}, {51, 0}, {90, 0}, {91, 1}, {110, 1}, {111, 2}, {130, 2}, {131, 3}};
        for (int[] c : hr) {
            assertThat(EarlyWarningScore.points(VitalSign.HR, c[0])).as("HR " + c[0]).isEqualTo(c[1]);
        }
        int[][] rr = {{8, 3}, {9, 1}, {11, 1}, {12, 0}, {20, 0}, {21, 2}, {24, 2}, {25, 3}};
        for (int[] c : rr) {
            assertThat(EarlyWarningScore.points(VitalSign.RR, c[0])).as("RR " + c[0]).isEqualTo(c[1]);
        }
        int[][] sbp = {{90, 3}, {91, 2}, {100, 2}, {101, 1}, {110, 1}, {111, 0}, {219, 0}, {220, 3}};
        for (int[] c : sbp) {
            assertThat(EarlyWarningScore.points(VitalSign.SBP, c[0])).as("SBP " + c[0]).isEqualTo(c[1]);
        }
        int[][] spo2 = {{91, 3}, {92, 2}, {93, 2}, {94, 1}, {95, 1}, {96, 0}, {100, 0}};
        for (int[] c : spo2) {
            assertThat(EarlyWarningScore.points(VitalSign.SPO2, c[0])).as("SpO2 " + c[0]).isEqualTo(c[1]);
        }
        double[][] temp = {{35.0, 3}, {35.1, 1}, {36.0, 1}, {36.1, 0}, {38.0, 0}, {38.1, 1}, {39.0, 1}, {39.1, 2}};
        for (double[] c : temp) {
            assertThat(EarlyWarningScore.points(VitalSign.TEMP, c[0])).as("T " + c[0]).isEqualTo((int) c[1]);
        }
        // wearables report fractions; NEWS2 charts whole numbers
        assertThat(EarlyWarningScore.points(VitalSign.HR, 90.4)).isZero();
        assertThat(EarlyWarningScore.points(VitalSign.HR, 90.6)).isEqualTo(1);
    }

    @Test
    void missingParametersAreListedAndAddNothing() {
        ScoreResult r = EarlyWarningScore.score(Map.of(VitalSign.HR, 135.0, VitalSign.SPO2, 97.0,
                VitalSign.STEPS, 10.0));
        assertThat(r.total()).isEqualTo(3);
        assertThat(r.missing()).containsExactly("RR", "SBP", "TEMP");
        assertThat(r.complete()).isFalse();
        assertThat(r.risk()).isEqualTo(Risk.LOW_MEDIUM);
        assertThat(EarlyWarningScore.score(Map.of()).missing()).hasSize(5);
        assertThat(EarlyWarningScore.score(null).total()).isZero();
    }
}
