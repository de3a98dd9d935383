package care.anxin.system;

import static care.anxin.system.CareCommunity.awaitAlert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The promise under faults: an elder presses SOS while one thing is wrong, and the incident still
 * reaches a care center's live stream and the handset still gets its ALERT_ACK, within a bound.
 * One platform (gateway + alert + monitoring) for the class; each test has its own care center so
 * one test's fault (a bad webhook, a flood) never touches another's. The bounds are generous for a
 * loaded CI machine; latencies are measured by {@code ./anxin bench sos}. The vitals flood runs
 * last: the events it leaves queued must not become the fault of the tests after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SosFaultSuiteTest {

    static final Duration BOUND = Duration.ofSeconds(20);

    private RunningPlatform platform;

    @BeforeAll
    void start() {
        platform = new RunningPlatform(Map.of());
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void handsetClockResetTo2000StillReachesAPerson() throws Exception {
        pressWithDeviceTime("clk2000", OffsetDateTime.of(2000, 1, 1, 8, 0, 0, 0, ZoneOffset.ofHours(8)));
    }

    @Test
    void handsetClockAYearAheadStillReachesAPerson() throws Exception {
        pressWithDeviceTime("clkfut", OffsetDateTime.now(ZoneOffset.ofHours(8)).plusYears(1));
    }

    private void pressWithDeviceTime(String tag, OffsetDateTime deviceTime) throws Exception {
        CareCommunity center = new CareCommunity(platform, tag);
        CareCommunity.Account elder = center.elderWithDevice("HANDSET");
        BlockingQueue<JsonNode> stream = center.staff().openAlertStream();
        try (Handset handset = center.handset(elder)) {
            handset.pressSos(30.2656, 120.1531, deviceTime);
            JsonNode shown = awaitAlert(stream, elder.elderName(), "SOS", "OPEN", BOUND);
            assertThat(handset.nextCommand("ALERT_ACK", BOUND)).as("ALERT_ACK at the handset").isNotNull();
            // Opened at the server's receive time, not at the handset's idea of now.
            OffsetDateTime opened = OffsetDateTime.parse(shown.path("openedAt").asText());
            assertThat(Duration.between(opened, OffsetDateTime.now()).abs()).isLessThan(Duration.ofMinutes(5));
        }
    }

    @Test
    void aWebhookThatStallsAfterItsHeadersAndOneThatNeverAcceptsDelayNeitherTheBoardNorTheHandset() throws Exception {
        CareCommunity center = new CareCommunity(platform, "hook");
        try (StalledEndpoints bad = new StalledEndpoints()) {
            center.admin.post("/api/v1/admin/endpoints", Map.of("organizationId", center.centerId, "channel", "WEBHOOK",
                    "name", "卡住的合作方", "url", bad.stallingUrl()));
            center.admin.post("/api/v1/admin/endpoints", Map.of("organizationId", center.centerId, "channel", "WEBHOOK",
                    "name", "不接听的合作方", "url", bad.neverAcceptingUrl()));
            BlockingQueue<JsonNode> stream = center.staff().openAlertStream();
            // Two elders in a row: the second one's call must not wait behind the first one's stuck webhooks.
            for (int i = 0; i < 2; i++) {
                CareCommunity.Account elder = center.elderWithDevice("HANDSET");
                try (Handset handset = center.handset(elder)) {
                    handset.pressSos(30.2656, 120.1531);
                    awaitAlert(stream, elder.elderName(), "SOS", "OPEN", BOUND);
                    assertThat(handset.nextCommand("ALERT_ACK", BOUND)).as("ALERT_ACK at handset " + i).isNotNull();
                }
            }
        }
    }

    @Test
    void aLiveStreamClientThatStopsReadingDelaysNoOtherBoard() throws Exception {
        CareCommunity center = new CareCommunity(platform, "stall");
        CareCommunity.Account elder = center.elderWithDevice("HANDSET");
        BlockingQueue<JsonNode> stream = center.staff().openAlertStream();
        AtomicBoolean pumping = new AtomicBoolean(true);
        try (Socket stalled = openStalledStream(center.staffUser, CareCommunity.STAFF_PASSWORD);
             Handset handset = center.handset(elder)) {
            // Lots of alert changes (megabytes of events) so the stalled socket's buffers fill up.
            long busyAlert = anyAlertOf(center, stream);
            CompletableFuture<Void> pump = CompletableFuture.runAsync(() -> pumpChanges(busyAlert, center.centerId, pumping));
            Thread.sleep(3000);
            handset.pressSos(30.2656, 120.1531);
            awaitAlert(stream, elder.elderName(), "SOS", "OPEN", BOUND);
            assertThat(handset.nextCommand("ALERT_ACK", BOUND)).as("ALERT_ACK at the handset").isNotNull();
            pumping.set(false);
            pump.get(30, TimeUnit.SECONDS);
        } finally {
            pumping.set(false);
        }
    }

    /** An incident of this center to make noise with: a first SOS from another elder, acknowledged. */
    private long anyAlertOf(CareCommunity center, BlockingQueue<JsonNode> stream) throws Exception {
        CareCommunity.Account noisy = center.elderWithDevice("HANDSET");
        try (Handset h = center.handset(noisy)) {
            h.pressSos(30.2, 120.1);
        }
        return awaitAlert(stream, noisy.elderName(), "SOS", "OPEN", BOUND).path("id").asLong();
    }

    /** alert_changed notifications, each its own transaction (so none are folded), as fast as the database takes them. */
    private void pumpChanges(long alertId, long organizationId, AtomicBoolean pumping) {
        try (Connection c = DriverManager.getConnection(platform.databaseUrl, "postgres", "postgres");
             PreparedStatement notify = c.prepareStatement("SELECT pg_notify('alert_changed', ?)")) {
            int n = 0;
            while (pumping.get() && n < 20_000) {
                notify.setString(1, alertId + "," + organizationId);
                notify.execute();
                n++;
                if (n % 200 == 0) {
                    Thread.sleep(20);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens the live stream over a raw socket with a tiny receive window and never reads it after the headers. */
    private Socket openStalledStream(String user, String password) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress("127.0.0.1", platform.monitoringPort), 5000);
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/v1/alerts/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                + "Authorization: Basic " + auth + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 200");
        return socket;
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aThousandAbnormalReadingsPerSecondFromOtherEldersDoNotHoldUpAnSos() throws Exception {
        CareCommunity center = new CareCommunity(platform, "flood");
        List<CareCommunity.Account> wristbands = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            wristbands.add(center.elderWithDevice("WRISTBAND"));
        }
        CareCommunity.Account elder = center.elderWithDevice("HANDSET");
        BlockingQueue<JsonNode> stream = center.staff().openAlertStream();
        // 25 devices x 10 messages/s x 4 abnormal readings = 1,000 VITAL_ABNORMAL-producing readings per second.
        try (VitalsFlood flood = new VitalsFlood(platform.mqttUri(), wristbands, 10);
             Handset handset = center.handset(elder)) {
            Thread.sleep(5000);
            handset.pressSos(30.2656, 120.1531);
            awaitAlert(stream, elder.elderName(), "SOS", "OPEN", BOUND);
            assertThat(handset.nextCommand("ALERT_ACK", BOUND)).as("ALERT_ACK at the handset").isNotNull();
            System.out.printf("vitals flood: %d messages sent, %d held back by the client window%n",
                    flood.sent.get(), flood.refused.get());
        }
    }

    @Test
    void aSecondPressAfterAcknowledgementPutsTheIncidentBackInPlay() throws Exception {
        CareCommunity center = new CareCommunity(platform, "again");
        CareCommunity.Account elder = center.elderWithDevice("HANDSET");
        ApiClient staff = center.staff();
        BlockingQueue<JsonNode> stream = staff.openAlertStream();
        try (Handset handset = center.handset(elder)) {
            handset.pressSos(30.2656, 120.1531);
            long id = awaitAlert(stream, elder.elderName(), "SOS", "OPEN", BOUND).path("id").asLong();
            assertThat(handset.nextCommand("ALERT_ACK", BOUND)).isNotNull();
            staff.post("/api/v1/alerts/" + id + "/acknowledge", Map.of("note", "已电话联系"));
            awaitAlert(stream, elder.elderName(), "SOS", "ACKNOWLEDGED", BOUND);
            handset.commands.clear();

            // Nobody came; things got worse.
            handset.pressSos(30.2656, 120.1531);
            JsonNode again = awaitAlert(stream, elder.elderName(), "SOS", "OPEN", BOUND);
            assertThat(again.path("id").asLong()).as("the same incident, back in play").isEqualTo(id);
            assertThat(handset.nextCommand("ALERT_ACK", BOUND)).as("the second press is answered too").isNotNull();
            assertThat(center.incidents(elder.elderId(), "SOS")).isEqualTo(1);
        }
    }
}
