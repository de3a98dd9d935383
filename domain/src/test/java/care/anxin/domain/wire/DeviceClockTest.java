package care.anxin.domain.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeviceClockTest {

    private static final Instant NOW = Instant.parse("2026-11-23T01:00:00Z");

    @Test
    void keepsPlausibleTimes() {
        assertThat(DeviceClock.check(NOW.minusSeconds(3), NOW)).isEqualTo(new TimeCorrection(NOW.minusSeconds(3), 0));
        assertThat(DeviceClock.check(NOW.plus(Duration.ofMinutes(5)), NOW).flags()).isZero();
        assertThat(DeviceClock.check(NOW.minus(Duration.ofDays(30)), NOW).flags()).isZero();
    }

    @Test
    void futureIsReplacedByReceiveTime() {
        TimeCorrection c = DeviceClock.check(NOW.plus(Duration.ofMinutes(5)).plusMillis(1), NOW);
        assertThat(c).isEqualTo(new TimeCorrection(NOW, DeviceClock.FLAG_FUTURE));
        assertThat(c.future()).isTrue();
        assertThat(c.stale()).isFalse();
    }

    @Test
    void ancientIsKeptButFlagged() {
        Instant old = NOW.minus(Duration.ofDays(30)).minusSeconds(1);
        TimeCorrection c = DeviceClock.check(old, NOW);
        assertThat(c).isEqualTo(new TimeCorrection(old, DeviceClock.FLAG_STALE));
        assertThat(c.stale()).isTrue();
    }
}
