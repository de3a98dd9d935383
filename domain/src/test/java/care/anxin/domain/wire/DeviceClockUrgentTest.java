package care.anxin.domain.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** SOS and falls are never dropped for their clock (docs/protocol.md "Device clocks lie"). */
class DeviceClockUrgentTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-23T01:07:00Z");

    @Test
    void clockResetToTheYear2000OpensAtTheReceiveTimeMarkedWrong() {
        TimeCorrection t = DeviceClock.checkUrgent(Instant.parse("2000-01-01T00:00:00Z"), RECEIVED, false);
        assertThat(t.time()).isEqualTo(RECEIVED);
        assertThat(t.flags()).isEqualTo(DeviceClock.FLAG_CLOCK_WRONG);
    }

    @Test
    void clockAYearAheadOpensAtTheReceiveTimeMarkedWrong() {
        TimeCorrection t = DeviceClock.checkUrgent(RECEIVED.plus(Duration.ofDays(365)), RECEIVED, false);
        assertThat(t.time()).isEqualTo(RECEIVED);
        assertThat(t.flags()).isEqualTo(DeviceClock.FLAG_CLOCK_WRONG);
    }

    @Test
    void liveEventWithASaneClockKeepsItsTime() {
        Instant ts = RECEIVED.minusSeconds(20);
        assertThat(DeviceClock.checkUrgent(ts, RECEIVED, false)).isEqualTo(new TimeCorrection(ts, 0));
        Instant late = RECEIVED.minus(Duration.ofMinutes(11));
        assertThat(DeviceClock.checkUrgent(late, RECEIVED, false).flags()).isEqualTo(DeviceClock.FLAG_CLOCK_WRONG);
    }

    @Test
    void markedReplayWithAPlausibleTimeOpensLateAtTheDeviceTime() {
        Instant ts = RECEIVED.minus(Duration.ofHours(3));
        assertThat(DeviceClock.checkUrgent(ts, RECEIVED, true)).isEqualTo(new TimeCorrection(ts, DeviceClock.FLAG_REPLAY));
        // a replay from a reset clock is still a wrong clock
        TimeCorrection reset = DeviceClock.checkUrgent(Instant.parse("2000-01-01T00:00:00Z"), RECEIVED, true);
        assertThat(reset).isEqualTo(new TimeCorrection(RECEIVED, DeviceClock.FLAG_CLOCK_WRONG));
    }
}
