package care.anxin.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.simulator.bench.WatchVitalsFrames;
import care.anxin.simulator.watch.FakeWatchPlatform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The bench's watch fleet through the shared LoadRun against a platform stand-in over real TCP. */
class WatchLoadClientTest {

    @Test
    void registeredWatchesLogInAndTheirBloodPressureFramesAreAnsweredAndMeasured() throws Exception {
        List<DeviceCredential> devices = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            devices.add(new DeviceCredential(String.format("87%08d", i), null));
        }
        Set<String> registered = devices.stream().limit(48).map(DeviceCredential::deviceId).collect(Collectors.toSet());
        try (FakeWatchPlatform platform = new FakeWatchPlatform(registered)) {
            LoadStats stats = new LoadStats();
            try (WatchLoadClient client = new WatchLoadClient("fake", "127.0.0.1", platform.port(), new WatchVitalsFrames(), stats, 2, 2)) {
                List<WatchLoadConnection> up = client.connectAll(devices, 0, 50, Duration.ofSeconds(4));
                assertThat(up).hasSize(48);
                assertThat(stats.connectFailures.sum()).as("the two unregistered ids are refused").isEqualTo(2);
                assertThat(stats.connectAttemptsFailedByReason()).containsOnlyKeys("closed or unreachable");
                LoadResult result = LoadRun.run("watch", "local", up, stats,
                        new LoadRun.Settings(500, Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(1),
                                WatchVitalsFrames.READINGS), new ProcessCpu(List.of()), 0, line -> { });
                assertThat(result.acked()).isPositive();
                assertThat(result.readingsPerSecond()).isCloseTo(3 * result.ackedPerSecond(),
                        org.assertj.core.api.Assertions.withinPercentage(1));
                assertThat(result.p50Ms()).isPositive();
                assertThat(result.errors()).isZero();
                assertThat(client.skippedBytes.sum()).isZero();
            }
            assertThat(platform.received.stream().filter(f -> f.type().equals("bphrt")).count()).isPositive();
        }
    }
}
