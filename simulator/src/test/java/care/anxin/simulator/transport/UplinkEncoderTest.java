package care.anxin.simulator.transport;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.domain.wire.DecodeResult;
import care.anxin.domain.wire.DeviceTopic;
import care.anxin.domain.wire.UplinkCodec;
import care.anxin.domain.wire.VitalsMessage;
import care.anxin.simulator.scenario.ElderProfile;
import care.anxin.simulator.scenario.HistoryGenerator;
import care.anxin.simulator.scenario.ScenarioGenerator;
import care.anxin.simulator.scenario.ScenarioLoader;
import care.anxin.simulator.scenario.SimAction;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Everything the simulator sends must be what the platform's own codec accepts. */
class UplinkEncoderTest {

    private static final Instant START = Instant.parse("2026-11-23T00:00:00Z");
    private final UplinkEncoder encoder = new UplinkEncoder();
    private final UplinkCodec codec = new UplinkCodec();

    @Test
    void everyGeneratedMessageDecodesOnThePlatformSide() {
        var scenario = ScenarioLoader.load(ScenarioLoader.DEFAULT).withElders(15).withAcceleration(40);
        List<SimAction> actions = new ScenarioGenerator(scenario, START, "t1").advanceTo(START.plus(Duration.ofHours(36)));
        Set<String> kinds = new HashSet<>();
        int encoded = 0;
        for (SimAction action : actions) {
            var uplink = encoder.encode("WB-TEST-0001", action);
            if (uplink.isEmpty()) {
                assertThat(action).isInstanceOfAny(SimAction.Connectivity.class, SimAction.Travel.class);
                continue;
            }
            var topic = DeviceTopic.parseUplink(uplink.get().topic()).orElseThrow();
            DecodeResult result = codec.decode(topic.kind(), uplink.get().payload());
            assertThat(result).as(new String(uplink.get().payload())).isInstanceOf(DecodeResult.Accepted.class);
            kinds.add(topic.kind().name());
            encoded++;
            if (action instanceof SimAction.Event e) {
                assertThat(uplink.get().urgent()).isEqualTo(List.of("SOS", "FALL", "FALL_CANCELLED").contains(e.type()));
            }
        }
        assertThat(encoded).isGreaterThan(1000);
        assertThat(kinds).containsExactlyInAnyOrder("VITALS", "LOCATION", "EVENT", "STATUS");
    }

    @Test
    void backfillBatchesCarryThirtyTwoReadingsWithTheirOwnTimes() {
        ElderProfile elder = new ScenarioGenerator(ScenarioLoader.load(ScenarioLoader.DEFAULT).withElders(1), START, "t").profiles().get(0);
        List<HistoryGenerator.TimedReading> day = HistoryGenerator.history(1, elder, START.minus(Duration.ofDays(1)), START);
        assertThat(day).hasSizeGreaterThan(2 * 1440);
        List<HistoryGenerator.TimedReading> slice = day.subList(0, 32);
        var uplink = encoder.batch("WB-TEST-0001", "bf-1", slice.stream().map(r -> new SimAction.SimReading(r.code(), r.value())).toList(),
                slice.stream().map(HistoryGenerator.TimedReading::time).toList());
        DecodeResult result = codec.decode(DeviceTopic.parseUplink(uplink.topic()).orElseThrow().kind(), uplink.payload());
        assertThat(result).isInstanceOf(DecodeResult.Accepted.class);
        VitalsMessage message = (VitalsMessage) ((DecodeResult.Accepted) result).message();
        assertThat(message.readings()).hasSize(32);
        assertThat(message.readings().get(0).time()).isEqualTo(slice.get(0).time());
        assertThat(message.readings().get(31).time()).isEqualTo(slice.get(31).time());
    }

    @Test
    void theWillIsAnOfflineStatus() {
        var will = encoder.will("HS-TEST-0001", START);
        assertThat(will.topic()).isEqualTo("anxin/v1/HS-TEST-0001/up/status");
        assertThat(new String(will.payload())).contains("\"msgId\":\"will\"").contains("\"online\":false");
    }
}
