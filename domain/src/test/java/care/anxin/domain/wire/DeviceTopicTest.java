package care.anxin.domain.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceTopicTest {

    @Test
    void parsesAndBuildsUplinks() {
        for (MessageKind kind : MessageKind.values()) {
            String topic = DeviceTopic.uplink("WB-0001", kind);
            assertThat(topic).isEqualTo("anxin/v1/WB-0001/up/" + kind.segment());
            assertThat(DeviceTopic.parseUplink(topic)).contains(new DeviceTopic("WB-0001", kind));
        }
    }

    @Test
    void rejectsAnythingElse() {
        assertThat(DeviceTopic.parseUplink("anxin/v1/WB-0001/up/video")).isEmpty();
        assertThat(DeviceTopic.parseUplink("anxin/v1/WB-0001/up/vitals/x")).isEmpty();
        assertThat(DeviceTopic.parseUplink("anxin/v1/WB/up/vitals")).isEmpty();
        assertThat(DeviceTopic.parseUplink("anxin/v1/a+b/up/vitals")).isEmpty();
        assertThat(DeviceTopic.parseUplink("anxin/v1/x/y/up/vitals")).isEmpty();
        assertThat(DeviceTopic.parseUplink("anxin/v2/WB-0001/up/vitals")).isEmpty();
        assertThat(DeviceTopic.parseUplink("anxin/v1/WB-0001/down/command")).isEmpty();
        assertThat(DeviceTopic.parseUplink(null)).isEmpty();
        assertThat(DeviceTopic.parseUplink("anxin/v1/" + "x".repeat(65) + "/up/vitals")).isEmpty();
    }

    @Test
    void commandTopics() {
        assertThat(DeviceTopic.command("HS-0001")).isEqualTo("anxin/v1/HS-0001/down/command");
        assertThat(DeviceTopic.parseCommand("anxin/v1/HS-0001/down/command")).contains("HS-0001");
        assertThat(DeviceTopic.parseCommand("anxin/v1/down/command")).isEmpty();
        assertThat(DeviceTopic.parseCommand("anxin/v1/HS-0001/up/command")).isEmpty();
    }

    @Test
    void urgentEventsAreSosAndFalls() {
        assertThat(EventType.values()).filteredOn(EventType::urgent)
                .containsExactly(EventType.SOS, EventType.FALL, EventType.FALL_CANCELLED);
    }
}
