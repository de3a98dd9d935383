package care.anxin.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {

    @Test
    void theDefaultScenarioLoadsWithItsScript() {
        Scenario demo = ScenarioLoader.load(ScenarioLoader.DEFAULT);
        assertThat(demo.elders()).isEqualTo(40);
        assertThat(demo.seed()).isEqualTo(20261123L);
        assertThat(demo.script()).isNotEmpty().allSatisfy(step -> assertThat(step.happening()).isNotNull());
        assertThat(demo.script().get(0).atSec()).isLessThan(60);
        assertThat(demo.rates().sos()).isPositive();
    }

    @Test
    void missingFieldsTakeDefaults() throws IOException {
        Scenario s = ScenarioLoader.parse(yaml("seed: 5\nelders: 3\nrates: {sos: 2.5}\nunknownField: 1\n"));
        assertThat(s.seed()).isEqualTo(5L);
        assertThat(s.elders()).isEqualTo(3);
        assertThat(s.rates().sos()).isEqualTo(2.5);
        assertThat(s.rates().fall()).isPositive();
        assertThat(s.tickSeconds()).isEqualTo(5);
        assertThat(s.city()).isEqualTo("shanghai");
        assertThat(s.script()).isEmpty();
    }

    @Test
    void anUnknownHappeningIsAClearError() {
        assertThatThrownBy(() -> ScenarioLoader.parse(yaml("script:\n  - {atSec: 1, elder: 0, happening: EXPLODE}\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("happening");
    }

    @Test
    void aMissingFileIsAClearError() {
        assertThatThrownBy(() -> ScenarioLoader.load("/nonexistent/scenario.yaml"))
                .hasMessageContaining("/nonexistent/scenario.yaml");
    }

    private static ByteArrayInputStream yaml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
