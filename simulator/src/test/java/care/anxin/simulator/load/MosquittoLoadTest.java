package care.anxin.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import care.anxin.simulator.bench.BenchFleet;
import care.anxin.simulator.bench.MosquittoProcess;
import care.anxin.simulator.bench.VitalsPayloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The load client against a real broker: Debian's mosquitto, when it is installed. */
class MosquittoLoadTest {

    @Test
    void twoHundredDevicesAgainstMosquitto() throws Exception {
        Path log = Files.createTempDirectory("mosquitto").resolve("mosquitto.log");
        Optional<MosquittoProcess> started = MosquittoProcess.start("mosquitto", log);
        assumeTrue(started.isPresent(), "mosquitto not installed");
        try (MosquittoProcess mosquitto = started.get()) {
            LoadStats stats = new LoadStats();
            var target = new MqttLoadClient.Target("mosquitto", "127.0.0.1", mosquitto.port(), false);
            try (MqttLoadClient client = new MqttLoadClient(target, new VitalsPayloads("t"), stats, 2, 4, 60)) {
                List<LoadConnection> up = client.connectAll(BenchFleet.anonymous(200), 0, 200, Duration.ofSeconds(20));
                assertThat(up).hasSize(200);
                LoadResult result = LoadRun.run("mosquitto", "local", up, stats,
                        new LoadRun.Settings(1_000, Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(1), 4),
                        new ProcessCpu(List.of(mosquitto.pid(), ProcessHandle.current().pid())), 0, line -> { });
                // The machine is shared, so only sanity here: the rate is in the right range, nothing lost.
                assertThat(result.ackedPerSecond()).isBetween(300.0, 1_500.0); // above 1,000 when a stall is caught up
                // The last PUBACKs may still be on their way on a busy machine: wait for them, do not time them.
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (stats.acked.sum() < stats.published.sum() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(stats.acked.sum()).isEqualTo(stats.published.sum());
                assertThat(result.errors() + result.dropped()).isZero();
                assertThat(result.cpuPercent()).containsKey("mosquitto");
            }
        }
    }
}
