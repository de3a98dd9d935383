package care.anxin.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MqttLoadClientTest {

    private static final PayloadSource PAYLOADS = new PayloadSource() {
        @Override
        public String topic(String deviceId) {
            return "anxin/v1/" + deviceId + "/up/vitals";
        }

        @Override
        public byte[] payload(String deviceId, long sequence) {
            return ("{\"msgId\":\"" + sequence + "\"}").getBytes(StandardCharsets.UTF_8);
        }
    };

    private static List<DeviceCredential> devices(int n, String secret) {
        List<DeviceCredential> devices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            devices.add(new DeviceCredential("LT-" + i, secret));
        }
        return devices;
    }

    @Test
    void aPacedFleetPublishesAtTheTargetRateAndMeasuresAcks() throws Exception {
        try (AckingMqttServer server = new AckingMqttServer("s3cret")) {
            LoadStats stats = new LoadStats();
            var target = new MqttLoadClient.Target("test", "127.0.0.1", server.port(), true);
            try (MqttLoadClient client = new MqttLoadClient(target, PAYLOADS, stats, 2, 8, 60)) {
                List<LoadConnection> up = client.connectAll(devices(200, "s3cret"), 0, 100, Duration.ofSeconds(10));
                assertThat(up).hasSize(200);
                LoadResult result = LoadRun.run("test", "local", up, stats,
                        new LoadRun.Settings(2_000, Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(1), 4),
                        new ProcessCpu(List.of(ProcessHandle.current().pid())), 0, line -> { });
                assertThat(result.ackedPerSecond()).isBetween(1_600.0, 2_400.0);
                assertThat(result.readingsPerSecond()).isEqualTo(result.ackedPerSecond() * 4, org.assertj.core.data.Offset.offset(1.0));
                assertThat(result.p50Ms()).isPositive().isLessThan(result.p999Ms() + 0.001);
                assertThat(result.errors()).isZero();
                assertThat(result.cpuPercent()).containsKey("load generator (this JVM)");
                assertThat(server.clientIds).hasSize(200);
            }
        }
    }

    @Test
    void maxRateModeKeepsTheWindowFull() throws Exception {
        try (AckingMqttServer server = new AckingMqttServer(null)) {
            LoadStats stats = new LoadStats();
            var target = new MqttLoadClient.Target("test", "127.0.0.1", server.port(), false);
            try (MqttLoadClient client = new MqttLoadClient(target, PAYLOADS, stats, 1, 4, 60)) {
                List<LoadConnection> up = client.connectAll(devices(10, null), 0, 10, Duration.ofSeconds(10));
                LoadResult result = LoadRun.run("max", "local", up, stats,
                        new LoadRun.Settings(0, Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(1), 4),
                        new ProcessCpu(List.of()), 0, line -> { });
                assertThat(result.ackedPerSecond()).isGreaterThan(1_000);
                assertThat(server.publishes.get()).isGreaterThanOrEqualTo(result.acked());
            }
        }
    }

    @Test
    void refusedDevicesAreCountedNotFatal() throws Exception {
        try (AckingMqttServer server = new AckingMqttServer("right")) {
            LoadStats stats = new LoadStats();
            var target = new MqttLoadClient.Target("test", "127.0.0.1", server.port(), true);
            try (MqttLoadClient client = new MqttLoadClient(target, PAYLOADS, stats, 1, 4, 60)) {
                List<DeviceCredential> mixed = new ArrayList<>(devices(3, "right"));
                mixed.addAll(devices(2, "wrong").stream().map(d -> new DeviceCredential(d.deviceId() + "x", "wrong")).toList());
                assertThat(client.connectAll(mixed, 100, 10, Duration.ofSeconds(5))).hasSize(3);
                assertThat(stats.connectFailures.sum()).isEqualTo(2);
                assertThat(stats.connectAttemptsFailedByReason().get("CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD"))
                        .as("each wrong device retried with backoff before giving up").isGreaterThanOrEqualTo(4);
            }
        }
    }

    @Test
    void aRefusedDeviceRetriesWithBackoffAndGetsIn() throws Exception {
        try (AckingMqttServer server = new AckingMqttServer("s3cret", true)) {
            LoadStats stats = new LoadStats();
            var target = new MqttLoadClient.Target("test", "127.0.0.1", server.port(), true);
            try (MqttLoadClient client = new MqttLoadClient(target, PAYLOADS, stats, 1, 4, 60)) {
                List<LoadConnection> up = client.connectAll(devices(20, "s3cret"), 0, 20, Duration.ofSeconds(20));
                assertThat(up).hasSize(20);
                assertThat(server.refusedBusy.get()).isEqualTo(20);
                assertThat(stats.connectFailures.sum()).isZero();
                assertThat(stats.connectRetries.sum()).isEqualTo(20);
                assertThat(stats.connectAttemptsFailedByReason()).containsEntry("CONNECTION_REFUSED_SERVER_UNAVAILABLE", 20L);
            }
        }
    }

    @Test
    void aPacedDeviceNeverSendsFasterThanItsAllowedRateEvenWhenBehind() throws Exception {
        try (AckingMqttServer server = new AckingMqttServer("s3cret")) {
            LoadStats stats = new LoadStats();
            var target = new MqttLoadClient.Target("test", "127.0.0.1", server.port(), true);
            try (MqttLoadClient client = new MqttLoadClient(target, PAYLOADS, stats, 1, 4, 60, 20)) {
                List<LoadConnection> up = client.connectAll(devices(1, "s3cret"), 0, 1, Duration.ofSeconds(10));
                long before = server.publishes.get();
                long t0 = System.nanoTime();
                // Due 100 times a second, allowed 20: the rest is owed and sent at the allowed pace.
                LoadRun.run("paced", "local", up, stats,
                        new LoadRun.Settings(100, Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(1), 4),
                        new ProcessCpu(List.of()), 0, line -> { });
                double seconds = (System.nanoTime() - t0) / 1e9; // ~2.5 s, more on a loaded machine
                long sent = server.publishes.get() - before;
                assertThat(sent).as("at most the burst of 10 plus 20/s over %.2f s", seconds)
                        .isBetween(30L, 10 + (long) Math.ceil(20 * seconds));
                assertThat(sent).as("far below the 100/s it was due").isLessThan((long) (100 * seconds / 2));
                assertThat(stats.errors.sum()).isZero();
            }
        }
    }

    @Test
    void targetsParseFromBrokerUris() {
        assertThat(MqttLoadClient.Target.parse("m", "tcp://127.0.0.1:18830", false))
                .isEqualTo(new MqttLoadClient.Target("m", "127.0.0.1", 18830, false));
        assertThat(MqttLoadClient.Target.parse("m", "localhost", true).port()).isEqualTo(1883);
    }
}
