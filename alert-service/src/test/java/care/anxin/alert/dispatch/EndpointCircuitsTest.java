package care.anxin.alert.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.alert.support.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The per-endpoint circuit breaker: opens after failures in a row, lets one probe through, closes on an answer. */
class EndpointCircuitsTest {

    private final TestClock clock = new TestClock();
    private final EndpointCircuits circuits = new EndpointCircuits(3, Duration.ofSeconds(30), clock);

    @Test
    void opensAfterFailuresInARowThenProbesOnceAndClosesOnSuccess() {
        assertThat(circuits.failed("endpoint:1")).isFalse();
        assertThat(circuits.failed("endpoint:1")).isFalse();
        assertThat(circuits.open()).isEmpty();
        assertThat(circuits.failed("endpoint:1")).isTrue();
        assertThat(circuits.open()).containsExactly("endpoint:1");

        clock.advance(Duration.ofSeconds(31));
        assertThat(circuits.open()).as("half-open: one probe may be claimed").isEmpty();
        circuits.started("endpoint:1");
        assertThat(circuits.open()).as("while the probe is out, nothing else").containsExactly("endpoint:1");
        circuits.succeeded("endpoint:1");
        assertThat(circuits.open()).isEmpty();
    }

    @Test
    void aFailedProbeReopensAndOtherEndpointsAreUnaffected() {
        for (int i = 0; i < 3; i++) {
            circuits.failed("endpoint:2");
        }
        circuits.failed("endpoint:3");
        clock.advance(Duration.ofSeconds(31));
        circuits.started("endpoint:2");
        assertThat(circuits.failed("endpoint:2")).isTrue();
        assertThat(circuits.open()).containsExactly("endpoint:2");
        clock.advance(Duration.ofSeconds(29));
        assertThat(circuits.open()).containsExactly("endpoint:2");
    }
}
