package care.anxin.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import care.anxin.simulator.config.BenchProperties;
import care.anxin.simulator.watch.WatchEndpoint;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code --anxin.bench.protocol}: which paths the ingest bench drives, as the command line binds it. */
class BenchProtocolTest {

    private static BenchProperties bind(Map<String, String> args) {
        return new Binder(new MapConfigurationPropertySource(args)).bindOrCreate("anxin.bench", BenchProperties.class);
    }

    @Test
    void mqttByDefaultWatchOrBothInTheGivenOrder() {
        assertThat(bind(Map.of()).protocols()).containsExactly("mqtt");
        assertThat(bind(Map.of("anxin.bench.protocol", "watch")).protocols()).containsExactly("watch");
        assertThat(bind(Map.of("anxin.bench.protocol", "WATCH, mqtt")).protocols()).containsExactly("watch", "mqtt");
    }

    @Test
    void anUnknownProtocolIsAClearError() {
        assertThatThrownBy(() -> bind(Map.of("anxin.bench.protocol", "coap")).protocols())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown protocol 'coap'");
    }

    @Test
    void theWatchEndpointIsHostAndPort() {
        assertThat(WatchEndpoint.parse("127.0.0.1:5093")).isEqualTo(new WatchEndpoint("127.0.0.1", 5093));
        assertThat(WatchEndpoint.parse("tcp://gw.example:15093")).isEqualTo(new WatchEndpoint("gw.example", 15093));
        assertThatThrownBy(() -> WatchEndpoint.parse("5093")).isInstanceOf(IllegalArgumentException.class);
    }
}
