package care.anxin.simulator.watch;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.domain.watch.WatchFrame;
import care.anxin.domain.watch.WatchFrameParser;
import care.anxin.simulator.scenario.DeviceRole;
import care.anxin.simulator.scenario.Happening;
import care.anxin.simulator.scenario.Scenario;
import care.anxin.simulator.scenario.ScenarioGenerator;
import care.anxin.simulator.scenario.ScenarioLoader;
import care.anxin.simulator.scenario.ScriptedHappening;
import care.anxin.simulator.scenario.SimAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A day and a half of a watch wearer's life, as frames: every one well formed, the emergencies as alarms. */
class WatchUplinkEncoderTest {

    private static final Instant START = Instant.parse("2026-11-23T00:00:00Z");

    @Test
    void everyActionOfAWearerBecomesWellFormedFramesWithTheEmergenciesAsAlarms() {
        Scenario scenario = ScenarioLoader.load(ScenarioLoader.DEFAULT).withElders(4).withAcceleration(40)
                .withScript(List.of(new ScriptedHappening(60, 0, Happening.SOS), new ScriptedHappening(120, 0, Happening.FALL),
                        new ScriptedHappening(180, 0, Happening.WEAR_OFF)));
        List<SimAction> actions = new ScenarioGenerator(scenario, START, "t1").advanceTo(START.plus(Duration.ofHours(36)));
        WatchUplinkEncoder encoder = new WatchUplinkEncoder();
        Map<String, Integer> types = new HashMap<>();
        int lbsOnly = 0;
        int wifiOnly = 0;
        for (SimAction action : actions) {
            if (action.elder() != 0) {
                continue;
            }
            for (String content : encoder.encode("8800000001", action)) {
                byte[] bytes = WatchContent.frame("8800000001", content).encode();
                WatchFrameParser.Result parsed = new WatchFrameParser(8192).parse(bytes, 0, bytes.length);
                assertThat(parsed).as(content).isInstanceOf(WatchFrameParser.Parsed.class);
                WatchFrame frame = ((WatchFrameParser.Parsed) parsed).frame();
                types.merge(frame.type(), 1, Integer::sum);
                if (frame.type().equals("UD") && frame.fields().get(2).equals("V")) {
                    assertThat(frame.fields().subList(3, 7)).containsExactly("0.000000", "N", "0.000000", "E");
                    int cells = Integer.parseInt(frame.fields().get(16)); // then timing advance, MCC, MNC, 3 fields a cell
                    int wifiCount = Integer.parseInt(frame.fields().get(cells == 0 ? 17 : 20 + 3 * cells));
                    if (wifiCount > 0) {
                        wifiOnly++;
                    } else {
                        lbsOnly++;
                    }
                }
                if (frame.type().equals("AL")) {
                    assertThat(frame.fields().get(15)).isIn("00010000", "00200000", "00100000", "00020000");
                }
            }
        }
        assertThat(types).containsKeys("LK", "UD", "AL", "heart", "oxygen", "bphrt", "btemp2");
        assertThat(lbsOnly).as("LBS-only reports").isPositive();
        assertThat(wifiOnly).as("Wi-Fi reports").isPositive();
    }

    @Test
    void theScriptedSosAndFallOfAWearerAreAlarmsWithTheirBitsAndPosition() {
        WatchUplinkEncoder encoder = new WatchUplinkEncoder();
        Instant at = Instant.parse("2026-11-30T12:06:01Z");
        String sos = encoder.encode("8800000001", new SimAction.Event(at, 3, DeviceRole.HANDSET,
                "m1", "SOS", 31.230416, 121.473701, 80, null, null)).get(0);
        assertThat(sos).startsWith("AL,301126,120601,A,31.230416,N,121.473701,E,").contains(",00010000,");
        String fall = encoder.encode("8800000001", new SimAction.Event(at, 3, DeviceRole.WRISTBAND,
                "m2", "FALL", 31.2301, 121.4732, null, 0.9, null)).get(0);
        assertThat(fall).startsWith("AL,301126,120601,A,31.230100,N,121.473200,E,").contains(",00200000,");
        assertThat(encoder.encode("8800000001", new SimAction.Event(at, 3, DeviceRole.WRISTBAND,
                "m3", "FALL_CANCELLED", null, null, null, null, "m2"))).as("no cancel in the protocol").isEmpty();
    }

    @Test
    void stepsAddUpOverTheDayAndBloodPressureCarriesTheLastPulse() {
        WatchUplinkEncoder encoder = new WatchUplinkEncoder();
        Instant at = Instant.parse("2026-11-30T02:00:00Z");
        var role = DeviceRole.WRISTBAND;
        List<String> minute = encoder.encode("W1", new SimAction.Vitals(at, 0, role, "a", List.of(new SimAction.SimReading("HR", 81),
                new SimAction.SimReading("SPO2", 96), new SimAction.SimReading("RR", 16), new SimAction.SimReading("STEPS", 40))));
        assertThat(minute).containsExactly("heart,81", "oxygen,96");
        encoder.encode("W1", new SimAction.Vitals(at.plusSeconds(60), 0, role, "b", List.of(new SimAction.SimReading("STEPS", 35))));
        List<String> cuff = encoder.encode("W1", new SimAction.Vitals(at.plusSeconds(90), 0, role, "c", List.of(
                new SimAction.SimReading("SBP", 141.6), new SimAction.SimReading("DBP", 88.2), new SimAction.SimReading("TEMP", 36.74))));
        assertThat(cuff).containsExactly("bphrt,142,88,81,,,,", "btemp2,1,36.7");
        assertThat(encoder.encode("W1", new SimAction.Status(at.plusSeconds(120), 0, role, "d", 77, true, false)))
                .containsExactly("LK,75,0,77");
        assertThat(new String(WatchContent.frame("W01", "LK,75,0,77").encode(), StandardCharsets.US_ASCII)).isEqualTo("[3G*W01*000A*LK,75,0,77]");
    }
}
