package care.anxin.system;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.domain.watch.WatchFrame;
import care.anxin.simulator.receiver.WebhookSecrets;
import care.anxin.simulator.run.Simulation;
import care.anxin.simulator.scenario.Happening;
import care.anxin.simulator.scenario.Scenario;
import care.anxin.simulator.scenario.ScenarioLoader;
import care.anxin.simulator.scenario.ScriptedHappening;
import care.anxin.simulator.watch.WatchContent;
import care.anxin.simulator.watch.WatchContent.Cell;
import care.anxin.simulator.watch.WatchContent.Fix;
import care.anxin.simulator.watch.WatchStatus;
import care.anxin.store.test.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An elder's "3G" GPS watch end to end over a real TCP socket (docs/protocol-watch.md): a
 * registered watch sends a heartbeat, a buffered position, a blood-pressure reading and an alarm
 * with the SOS bit; the rows are stored, the care center's live stream shows the SOS, the watch
 * gets the platform's replies, the "call received" text and — once a care worker acknowledges —
 * the "help is coming" text, which it answers so the command is delivered. A LOCATE from the elder
 * card reaches it as CR; an id nobody registered is closed without an answer. The frames are made
 * by the simulator's encoders, so this also proves the simulated watches speak the gateway's protocol.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatchEndToEndTest {

    private static final String WATCH = "8800000015";
    private static final Cell CELL = new Cell(6243, 21711, -78);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private RunningPlatform platform;
    private CareCommunity community;
    private JdbcTemplate jdbc;
    private long elderId;
    private final String elderName = "周玉兰";

    @BeforeAll
    void startPlatformWithAWatchWearer() throws Exception {
        platform = new RunningPlatform(Map.of());
        community = new CareCommunity(platform, "wt");
        jdbc = new JdbcTemplate(TestDatabase.dataSource(platform.databaseUrl));
        elderId = community.admin.post("/api/v1/admin/elders", Map.of("organizationId", community.centerId, "name", elderName,
                "gender", "F", "birthDate", "1939-06-18", "address", "拱墅区湖墅南路66号",
                "home", Map.of("lat", 30.2655, "lon", 120.1530, "radiusM", 300))).path("id").asLong();
        JsonNode device = community.admin.post("/api/v1/admin/devices", Map.of("id", WATCH, "kind", "WATCH",
                "organizationId", community.centerId, "elderId", elderId, "model", "GW-3G"));
        assertThat(device.path("id").asText()).isEqualTo(WATCH);
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aWatchSosIsStoredShownAnsweredAndTheAcknowledgementReachesTheWatchAsText() throws Exception {
        ApiClient staff = community.staff();
        BlockingQueue<JsonNode> stream = staff.openAlertStream();
        try (ProtocolWatch watch = new ProtocolWatch(platform.watchPort, WATCH)) {
            watch.send(WatchContent.heartbeat(1200, 0, 86));
            assertThat(ProtocolWatch.wire(watch.await("LK", WAIT))).isEqualTo("[3G*8800000015*0002*LK]");

            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            watch.send(WatchContent.position("UD2", now.minusSeconds(90), Fix.gps(30.265512, 120.153021, 0, 0, 12, 8, CELL),
                    90, 86, 1200, 0)); // buffered while offline: stored, not answered
            watch.send(WatchContent.bloodPressure(128, 82, 74));
            assertThat(ProtocolWatch.wire(watch.await("bphrt", WAIT))).isEqualTo("[3G*8800000015*0005*bphrt]");
            long pressed = System.nanoTime();
            watch.send(WatchContent.position("AL", now, Fix.gps(30.265601, 120.153102, 0, 0, 12, 9, CELL), 90, 85, 1250,
                    WatchStatus.SOS));
            assertThat(ProtocolWatch.wire(watch.await("AL", WAIT))).isEqualTo("[3G*8800000015*0002*AL]");

            JsonNode shown = CareCommunity.awaitAlert(stream, elderName, "SOS", "OPEN", WAIT);
            System.out.printf("watch SOS (AL frame) -> care center live stream: %d ms%n", (System.nanoTime() - pressed) / 1_000_000);
            assertThat(shown.path("severity").asText()).isEqualTo("CRITICAL");
            assertThat(jdbc.queryForList("SELECT code || '=' || value::int FROM observation WHERE device_id = ? ORDER BY code",
                    String.class, WATCH)).containsExactly("DBP=82", "HR=74", "SBP=128");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM location WHERE device_id = ? AND source = 'GPS' AND abs(lat - 30.265512) < 1e-6",
                    Long.class, WATCH)).isEqualTo(1);

            WatchFrame receipt = watch.await("MESSAGE", WAIT);
            assertThat(WatchFrame.fromUtf16Hex(receipt.fields().get(0))).contains("已收到您的紧急呼叫");
            watch.send("MESSAGE");

            staff.post("/api/v1/alerts/" + shown.path("id").asLong() + "/acknowledge", Map.of("note", "已电话联系老人"));
            CareCommunity.awaitAlert(stream, elderName, "SOS", "ACKNOWLEDGED", WAIT);
            WatchFrame helpComing = watch.await("MESSAGE", WAIT);
            assertThat(WatchFrame.fromUtf16Hex(helpComing.fields().get(0))).contains("正在赶来");
            watch.send("MESSAGE");
            await(() -> jdbc.queryForObject("SELECT count(*) FROM device_command WHERE device_id = ? AND kind = 'ALERT_ACK' "
                    + "AND status = 'DELIVERED'", Long.class, WATCH) == 2);
        }
    }

    @Test
    void locateFromTheElderCardReachesTheWatchAsCrAndItsFixIsStored() throws Exception {
        try (ProtocolWatch watch = new ProtocolWatch(platform.watchPort, WATCH)) {
            watch.send(WatchContent.heartbeat(1300, 0, 84));
            watch.await("LK", WAIT);
            community.staff().post("/api/v1/elders/" + elderId + "/locate", Map.of());
            assertThat(ProtocolWatch.wire(watch.await("CR", WAIT))).isEqualTo("[3G*8800000015*0002*CR]");
            watch.send("CR");
            watch.send(WatchContent.position("UD", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                    Fix.gps(30.270001, 120.160002, 2.5, 45, 12, 7, CELL), 90, 84, 1300, 0));
            await(() -> jdbc.queryForObject("SELECT count(*) FROM location WHERE device_id = ? AND abs(lat - 30.270001) < 1e-6",
                    Long.class, WATCH) == 1);
            await(() -> jdbc.queryForObject("SELECT count(*) FROM device_command WHERE device_id = ? AND kind = 'LOCATE' "
                    + "AND status = 'DELIVERED'", Long.class, WATCH) == 1);
        }
    }

    @Test
    void anIdNobodyRegisteredIsClosedAfterItsFirstFrameWithoutAnAnswer() throws Exception {
        try (ProtocolWatch stranger = new ProtocolWatch(platform.watchPort, "8800009999")) {
            stranger.send(WatchContent.heartbeat(0, 0, 100));
            await(stranger::closedByPlatform);
            assertThat(stranger.fromPlatform).isEmpty();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM observation WHERE device_id = '8800009999'", Long.class)).isZero();
    }

    @Test
    void theSimulatorsWatchWearersLogInAndAWatchSosGetsItsTextBack() throws Exception {
        WebhookSecrets secrets = new WebhookSecrets();
        // Elders #1 and #3 of four wear a watch; #1 presses SOS on it a second after the start.
        Scenario scenario = ScenarioLoader.load(ScenarioLoader.DEFAULT).withElders(4).withWatchShare(0.5)
                .withScript(List.of(new ScriptedHappening(1, 1, Happening.SOS)));
        try (WebhookReceiver receiver = new WebhookReceiver(secrets::all);
             Simulation simulation = Simulation.start(new Simulation.Config(platform.monitoringUrl(), platform.mqttUri(), "admin",
                     RunningPlatform.ADMIN_PASSWORD, receiver.baseUrl(), secrets, Files.createTempDirectory("anxin-sim-watch-"),
                     scenario, false, "127.0.0.1:" + platform.watchPort, Duration.ofSeconds(20)),
                     new ObjectMapper().findAndRegisterModules())) {
            assertThat(simulation.watchCount()).isEqualTo(2);
            await(() -> simulation.watchesConnected() == 2);
            String wearer = simulation.profiles().get(1).name();
            String watchId = simulation.community().deviceId(care.anxin.simulator.scenario.DeviceRole.HANDSET, 1);
            await(() -> jdbc.queryForObject("SELECT count(*) FROM alert a JOIN elder e ON e.id = a.elder_id "
                    + "WHERE a.kind = 'SOS' AND e.name = ?", Long.class, wearer) == 1);
            await(() -> simulation.stats().watchTexts() >= 1); // "call received" shown on the watch
            await(() -> jdbc.queryForObject("SELECT count(*) FROM device_command WHERE device_id = ? AND status = 'DELIVERED'",
                    Long.class, watchId) >= 1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM device WHERE online AND kind = 'WATCH' AND id = ?", Long.class,
                    watchId)).isEqualTo(1);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(100);
        }
    }
}
