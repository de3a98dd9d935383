package care.anxin.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScenarioGeneratorTest {

    private static final Instant START = Instant.parse("2026-11-23T00:00:00Z"); // 08:00 in Shanghai

    private static Scenario scenario(long seed, int elders) {
        return ScenarioLoader.load(ScenarioLoader.DEFAULT).withSeed(seed).withElders(elders).withAcceleration(1);
    }

    @Test
    void sameSeedGivesTheSameRun() {
        List<SimAction> first = new ScenarioGenerator(scenario(7, 10).withAcceleration(50), START, "r1")
                .advanceTo(START.plus(Duration.ofHours(12)));
        List<SimAction> second = new ScenarioGenerator(scenario(7, 10).withAcceleration(50), START, "r1")
                .advanceTo(START.plus(Duration.ofHours(12)));
        assertThat(first).hasSizeGreaterThan(1000).isEqualTo(second);
    }

    @Test
    void steppingInPiecesGivesTheSameRunAsOneStep() {
        ScenarioGenerator whole = new ScenarioGenerator(scenario(3, 5), START, "r");
        ScenarioGenerator pieces = new ScenarioGenerator(scenario(3, 5), START, "r");
        List<SimAction> inPieces = new java.util.ArrayList<>();
        for (int minute = 1; minute <= 120; minute++) {
            inPieces.addAll(pieces.advanceTo(START.plus(Duration.ofMinutes(minute))));
        }
        assertThat(inPieces).isEqualTo(whole.advanceTo(START.plus(Duration.ofMinutes(120))));
    }

    @Test
    void differentSeedsGiveDifferentCommunities() {
        List<String> a = new ScenarioGenerator(scenario(1, 20), START, "r").profiles().stream().map(ElderProfile::name).toList();
        List<String> b = new ScenarioGenerator(scenario(2, 20), START, "r").profiles().stream().map(ElderProfile::name).toList();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void heartRateCentresOnTheBaselineAndIsLowerAtNight() {
        ScenarioGenerator generator = new ScenarioGenerator(scenario(11, 20).withAcceleration(0.0001), START, "r");
        List<SimAction> actions = generator.advanceTo(START.plus(Duration.ofDays(2)));
        double baselineMean = generator.profiles().stream().mapToDouble(p -> p.baseline().hr()).average().orElseThrow();
        var day = new java.util.ArrayList<Double>();
        var night = new java.util.ArrayList<Double>();
        for (SimAction action : actions) {
            if (action instanceof SimAction.Vitals vitals) {
                double hour = ElderModel.hourOfDay(vitals.at());
                for (SimAction.SimReading reading : vitals.readings()) {
                    if (reading.code().equals("HR")) {
                        (hour >= 1 && hour < 5 ? night : hour >= 10 && hour < 20 ? day : new java.util.ArrayList<Double>()).add(reading.value());
                    }
                }
            }
        }
        double dayMean = day.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double nightMean = night.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(dayMean).isBetween(baselineMean - 3, baselineMean + 8); // resting plus some walking
        assertThat(nightMean).isLessThan(dayMean - 5);
        assertThat(day.stream().mapToDouble(Double::doubleValue).max().orElseThrow()).isLessThan(140);
    }

    @Test
    void vitalsStayPlausibleAndStepsOnlyWhileAwake() {
        ScenarioGenerator generator = new ScenarioGenerator(scenario(5, 10).withAcceleration(20), START, "r");
        for (SimAction action : generator.advanceTo(START.plus(Duration.ofDays(1)))) {
            if (action instanceof SimAction.Vitals vitals) {
                for (SimAction.SimReading reading : vitals.readings()) {
                    switch (reading.code()) {
                        case "HR" -> assertThat(reading.value()).isBetween(30.0, 220.0);
                        case "SPO2" -> assertThat(reading.value()).isBetween(70.0, 100.0);
                        case "SBP" -> assertThat(reading.value()).isBetween(70.0, 240.0);
                        case "TEMP" -> assertThat(reading.value()).isBetween(34.0, 42.0);
                        case "STEPS" -> assertThat(reading.value()).isGreaterThanOrEqualTo(0);
                        default -> { }
                    }
                }
            }
        }
    }

    @Test
    void everyKindOfEventOccursInALongRun() {
        ScenarioGenerator generator = new ScenarioGenerator(scenario(42, 30).withAcceleration(30), START, "r");
        List<SimAction> actions = generator.advanceTo(START.plus(Duration.ofDays(3)));
        Set<String> eventTypes = actions.stream().filter(SimAction.Event.class::isInstance)
                .map(a -> ((SimAction.Event) a).type()).collect(Collectors.toSet());
        assertThat(eventTypes).contains("SOS", "FALL", "FALL_CANCELLED", "LOW_BATTERY", "WEAR_OFF");
        assertThat(actions).anySatisfy(a -> assertThat(a).isInstanceOf(SimAction.Connectivity.class));
        assertThat(actions).anySatisfy(a -> assertThat(a).isInstanceOf(SimAction.Travel.class));
        assertThat(actions).anySatisfy(a -> assertThat(a).isInstanceOf(SimAction.Location.class));
        assertThat(actions).anySatisfy(a -> assertThat(a).isInstanceOf(SimAction.Status.class));
        // Episodes show in the readings: tachycardia, hypoxia, fever, hypertension.
        Set<String> abnormal = new HashSet<>();
        for (SimAction action : actions) {
            if (action instanceof SimAction.Vitals vitals) {
                for (SimAction.SimReading r : vitals.readings()) {
                    if (r.code().equals("HR") && r.value() >= 120) abnormal.add("TACHYCARDIA");
                    if (r.code().equals("SPO2") && r.value() <= 89) abnormal.add("HYPOXIA");
                    if (r.code().equals("TEMP") && r.value() >= 38) abnormal.add("FEVER");
                    if (r.code().equals("SBP") && r.value() >= 170) abnormal.add("HYPERTENSION");
                }
            }
        }
        assertThat(abnormal).containsExactlyInAnyOrder("TACHYCARDIA", "HYPOXIA", "FEVER", "HYPERTENSION");
    }

    @Test
    void aCancelledFallNamesItsFall() {
        Scenario scripted = scenario(9, 3).withAcceleration(0.0001)
                .withScript(List.of(new ScriptedHappening(10, 1, Happening.FALL_CANCELLED)));
        List<SimAction> actions = new ScenarioGenerator(scripted, START, "r").advanceTo(START.plusSeconds(60));
        SimAction.Event fall = actions.stream().filter(SimAction.Event.class::isInstance).map(SimAction.Event.class::cast)
                .filter(e -> e.type().equals("FALL")).findFirst().orElseThrow();
        SimAction.Event cancel = actions.stream().filter(SimAction.Event.class::isInstance).map(SimAction.Event.class::cast)
                .filter(e -> e.type().equals("FALL_CANCELLED")).findFirst().orElseThrow();
        assertThat(fall.elder()).isEqualTo(1);
        assertThat(cancel.refMsgId()).isEqualTo(fall.msgId());
        assertThat(Duration.between(fall.at(), cancel.at()).toSeconds()).isBetween(5L, 30L);
    }

    @Test
    void aWanderingElderLeavesTheHomeZone() {
        Scenario scripted = scenario(9, 3).withAcceleration(0.0001)
                .withScript(List.of(new ScriptedHappening(5, 2, Happening.WANDER)));
        ScenarioGenerator generator = new ScenarioGenerator(scripted, START, "r");
        ElderProfile elder = generator.profiles().get(2);
        double farthest = generator.advanceTo(START.plus(Duration.ofMinutes(20))).stream()
                .filter(SimAction.Location.class::isInstance).map(SimAction.Location.class::cast)
                .filter(l -> l.elder() == 2)
                .mapToDouble(l -> Math.hypot((l.lat() - elder.homeLat()) * 111_320,
                        (l.lon() - elder.homeLon()) * 111_320 * Math.cos(Math.toRadians(elder.homeLat()))))
                .max().orElseThrow();
        assertThat(farthest).isGreaterThan(elder.homeRadiusM());
    }

    @Test
    void messageIdsAreUniquePerDevice() {
        List<SimAction> actions = new ScenarioGenerator(scenario(4, 5).withAcceleration(50), START, "r")
                .advanceTo(START.plus(Duration.ofHours(6)));
        Set<String> seen = new HashSet<>();
        for (SimAction action : actions) {
            String msgId = action instanceof SimAction.Vitals v ? v.msgId()
                    : action instanceof SimAction.Location l ? l.msgId()
                    : action instanceof SimAction.Event e ? e.msgId()
                    : action instanceof SimAction.Status st ? st.msgId() : null;
            if (msgId != null) {
                assertThat(seen.add(action.elder() + "/" + action.device() + "/" + msgId)).isTrue();
            }
        }
        assertThat(EnumSet.allOf(DeviceRole.class)).allSatisfy(role ->
                assertThat(actions).anySatisfy(a -> assertThat(a.device()).isEqualTo(role)));
    }
}
