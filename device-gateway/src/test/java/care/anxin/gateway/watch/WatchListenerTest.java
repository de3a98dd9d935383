package care.anxin.gateway.watch;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.gateway.Fleet;
import care.anxin.gateway.GatewayTestBase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A watch over a real TCP socket against the gateway on an embedded PostgreSQL: frames stored and
 * answered after their commit, SOS to the alert service's queue, registration, revocation,
 * de-duplication and commands.
 */
class WatchListenerTest extends GatewayTestBase {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("ddMMyy,HHmmss");
    private static final AtomicLong SECONDS = new AtomicLong();

    @Autowired
    WatchServer watchServer;
    @Autowired
    DataSource dataSource;

    /** A UD2/AL body a few minutes ago (distinct per call), status bits as given. */
    private static String position(String type, String status) {
        String when = LocalDateTime.now(ZoneOffset.UTC).minusMinutes(5).minusSeconds(SECONDS.incrementAndGet())
                .format(WHEN);
        return type + "," + when + ",A,31.230416,N,121.473701,E,0.50,90.0,12.0,9,100,77,1200,0," + status
                + ",1,1,460,0,6243,21711,-78,0";
    }

    private WatchClient watch(String id) throws Exception {
        return new WatchClient(watchServer.port(), id);
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    @Test
    void aRegisteredWatchIsStoredAndAnsweredAfterCommitAndItsSosReachesTheAlertQueue() throws Exception {
        String id = fleet.watch();
        try (WatchClient w = watch(id)) {
            assertThat(w.send("LK,1200,0,77").reply(10_000)).isEqualTo("LK");
            w.send(position("UD2", "00000000"));
            assertThat(w.send("bphrt,128,82,74,,,,").reply(10_000)).as("UD2 gets no reply; bphrt does").isEqualTo("bphrt");
            assertThat(w.send(position("AL", "00010000")).reply(10_000)).isEqualTo("AL");
        }
        // UD2 + the alarm's fix. The AL reply follows the commit of its SOS (urgent lane), not of its fix,
        // which takes the ordinary group commit and may land a linger later.
        Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(count("SELECT count(*) FROM location WHERE device_id = ?", id)).isEqualTo(2));
        assertThat(count("SELECT count(*) FROM observation WHERE device_id = ? AND code IN ('SBP','DBP','HR')", id))
                .isEqualTo(3);
        assertThat(count("SELECT count(*) FROM device_event WHERE device_id = ? AND kind = 'SOS'", id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT payload::text FROM device_event WHERE device_id = ? AND kind = 'SOS'",
                String.class, id)).contains("31.230416");
        Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(jdbc.queryForObject("SELECT battery_pct FROM device WHERE id = ?", Integer.class, id)).isEqualTo(77));
    }

    @Test
    void anSosFromAWatchWhoseClockResetIsStoredAtReceiveTimeFlagged() throws Exception {
        // A watch that ran flat reports 01-01-2000 until the network sets its clock; its SOS must still
        // open now (docs/protocol-watch.md: the same implausible-clock rule as MQTT, bit 4).
        String id = fleet.watch();
        String alarm = "AL,010100,000000,A,31.230416,N,121.473701,E,0.50,90.0,12.0,9,100,77,1200,0,00010000"
                + ",1,1,460,0,6243,21711,-78,0";
        Instant before = Instant.now();
        try (WatchClient w = watch(id)) {
            assertThat(w.send(alarm).reply(10_000)).as("answered after its SOS committed").isEqualTo("AL");
        }
        Map<String, Object> row = jdbc.queryForMap("SELECT occurred_at, received_at, payload::text AS payload"
                + " FROM device_event WHERE device_id = ? AND kind = 'SOS'", id);
        assertThat(row.get("occurred_at")).isEqualTo(row.get("received_at"));
        Instant occurred = ((java.sql.Timestamp) row.get("occurred_at")).toInstant();
        assertThat(Duration.between(before, occurred).abs()).isLessThan(Duration.ofMinutes(1));
        assertThat((String) row.get("payload")).contains("\"clockFlags\": 4").contains("2000-01-01T00:00:00Z");
    }

    @Test
    void aReportWithoutAGpsFixKeepsItsCellsAndWifiWithoutInventingAPosition() throws Exception {
        String id = fleet.watch();
        String when = LocalDateTime.now(ZoneOffset.UTC).minusMinutes(3).format(WHEN);
        try (WatchClient w = watch(id)) {
            w.send("UD," + when + ",V,0.000000,N,0.000000,E,0.00,0.0,0.0,0,80,84,1300,0,00000000,1,255,460,0,6243,21711,-78,"
                    + "2,home,A4:56:02:11:22:33,-60,office,a4:56:02:44:55:66,-71");
            assertThat(w.send("LK").reply(10_000)).isEqualTo("LK");
        }
        assertThat(count("SELECT count(*) FROM location WHERE device_id = ?", id)).isZero();
        var fix = jdbc.queryForMap("SELECT source, scan::text AS scan FROM radio_fix WHERE device_id = ?", id);
        assertThat(fix.get("source")).isEqualTo("WIFI");
        assertThat((String) fix.get("scan")).contains("21711").contains("a4:56:02:11:22:33").doesNotContain("home");
    }

    @Test
    void aBacklogOfBufferedReportsOverTheRateIsSlowedNotCutOff() throws Exception {
        String id = fleet.watch();
        try (WatchClient w = watch(id)) {
            assertThat(w.send("LK").reply(10_000)).isEqualTo("LK");
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 80; i++) { // twice the burst of 40, in one write
                burst.append(new String(care.anxin.domain.watch.WatchFrame.text("3G", id, null,
                        position("UD2", "00000000")).encode(), java.nio.charset.StandardCharsets.US_ASCII));
            }
            w.sendBytes(burst.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(w.send("LK").reply(30_000)).as("still connected after the burst").isEqualTo("LK");
        }
        assertThat(count("SELECT count(*) FROM location WHERE device_id = ?", id)).isEqualTo(80);
    }

    @Test
    void noReplyIsWrittenUntilTheFrameIsCommitted() throws Exception {
        String id = fleet.watch();
        try (WatchClient w = watch(id); Connection blocker = dataSource.getConnection()) {
            assertThat(w.send("LK").reply(10_000)).isEqualTo("LK");
            blocker.setAutoCommit(false);
            try (Statement st = blocker.createStatement()) {
                // every frame that writes rows first claims its de-duplication key: blocked here
                st.execute("LOCK TABLE message_dedup IN ACCESS EXCLUSIVE MODE");
            }
            w.send("heart,72");
            w.send(position("AL", "00010000"));
            assertThat(w.next(2_000)).as("no reply while the database cannot commit").isEmpty();
            assertThat(count("SELECT count(*) FROM observation WHERE device_id = ?", id)).isZero();
            blocker.rollback();
            // the SOS alarm is answered the moment its own commit is done, possibly before the heart rate
            var replies = java.util.List.of(w.reply(20_000), w.reply(20_000));
            assertThat(replies).containsExactlyInAnyOrder("heart", "AL");
        }
        assertThat(count("SELECT count(*) FROM observation WHERE device_id = ? AND code = 'HR'", id)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM device_event WHERE device_id = ? AND kind = 'SOS'", id)).isEqualTo(1);
    }

    @Test
    void aFrameResentAfterAReconnectIsStoredOnce() throws Exception {
        String id = fleet.watch();
        String alarm = position("AL", "00200000");
        String report = position("UD2", "00000000");
        for (int connection = 0; connection < 2; connection++) {
            try (WatchClient w = watch(id)) {
                w.send(report);
                assertThat(w.send(alarm).reply(10_000)).isEqualTo("AL");
                assertThat(w.send("oxygen,97").reply(10_000)).isEqualTo("oxygen");
            }
        }
        assertThat(count("SELECT count(*) FROM device_event WHERE device_id = ? AND kind = 'FALL'", id)).isEqualTo(1);
        Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(count("SELECT count(*) FROM location WHERE device_id = ?", id)).isEqualTo(2));
        // untimed vitals are keyed by the receive minute: a resend within the minute is stored once
        assertThat(count("SELECT count(*) FROM observation WHERE device_id = ? AND code = 'SPO2'", id)).isBetween(1L, 2L);
    }

    @Test
    void unknownAndMqttIdsAreClosedAfterTheFirstFrameWithoutAnAnswer() throws Exception {
        try (WatchClient w = watch("8899999999")) {
            w.send("LK");
            assertThat(w.closedWithin(10_000)).isTrue();
        }
        Fleet.Device handset = fleet.device("HS");
        var mqtt = care.anxin.gateway.Clients.v3Connected(uri(), handset, true); // now a remembered MQTT login
        care.anxin.gateway.Clients.closeQuietly(mqtt);
        try (WatchClient w = new WatchClient(watchServer.port(), handset.id())) {
            w.send("LK");
            assertThat(w.closedWithin(10_000)).as("an MQTT device id is not a watch").isTrue();
        }
        assertThat(count("SELECT count(*) FROM device_event WHERE device_id = '8899999999'")).isZero();
    }

    @Test
    void aWatchIdCannotLogInOverMqtt() throws Exception {
        String id = fleet.watch();
        try (var c = new org.eclipse.paho.client.mqttv3.MqttClient(uri(), id,
                new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence())) {
            c.connect(care.anxin.gateway.Clients.v3Options(id, "unused", true));
            throw new AssertionError("a watch logged in over MQTT");
        } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
            assertThat(e.getReasonCode()).as("refused like an unknown id").isEqualTo(4);
        }
    }

    @Test
    void disablingAWatchEndsItsLiveConnection() throws Exception {
        String id = fleet.watch();
        try (WatchClient w = watch(id)) {
            assertThat(w.send("LK").reply(10_000)).isEqualTo("LK");
            jdbc.update("UPDATE device SET enabled = FALSE WHERE id = ?", id);
            assertThat(w.closedWithin(10_000)).isTrue();
        }
        try (WatchClient w = watch(id)) {
            w.send("LK");
            assertThat(w.closedWithin(10_000)).as("refused while disabled").isTrue();
        }
    }

    @Test
    void rebindingAWatchEndsItsConnectionAndASecondConnectionTakesOver() throws Exception {
        String id = fleet.watch();
        try (WatchClient first = watch(id)) {
            assertThat(first.send("LK").reply(10_000)).isEqualTo("LK");
            try (WatchClient second = watch(id)) {
                assertThat(second.send("LK").reply(10_000)).isEqualTo("LK");
                assertThat(first.closedWithin(10_000)).as("the older connection is taken over").isTrue();
                long otherElder = fleet.elder("{}");
                jdbc.update("UPDATE device SET elder_id = ? WHERE id = ?", otherElder, id);
                assertThat(second.closedWithin(10_000)).as("re-binding revokes the live session").isTrue();
            }
        }
    }

    @Test
    void aLocateCommandReachesTheWatchAsCrAndItsAnswerRecordsDelivery() throws Exception {
        String id = fleet.watch();
        try (WatchClient w = watch(id)) {
            assertThat(w.send("LK").reply(10_000)).isEqualTo("LK");
            long locate = jdbc.queryForObject("INSERT INTO device_command (device_id, kind, payload) VALUES (?, 'LOCATE', "
                    + "'{}'::jsonb) RETURNING id", Long.class, id);
            assertThat(w.reply(10_000)).isEqualTo("CR");
            long message = jdbc.queryForObject("INSERT INTO device_command (device_id, kind, payload) VALUES (?, 'MESSAGE', "
                    + "'{\"text\":\"安心\"}'::jsonb) RETURNING id", Long.class, id);
            assertThat(w.reply(10_000)).isEqualTo("MESSAGE,5B895FC3");
            assertThat(status(locate)).isEqualTo("SENT");
            w.send("CR").send("MESSAGE");
            Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(status(locate)).isEqualTo("DELIVERED");
                assertThat(status(message)).isEqualTo("DELIVERED");
            });
        }
    }

    @Test
    void unknownTypesAreAnsweredPolitelyAndTheConnectionLives() throws Exception {
        String id = fleet.watch();
        try (WatchClient w = watch(id)) {
            assertThat(w.send("LK").reply(10_000)).isEqualTo("LK");
            assertThat(w.send("PHBX,13800000000,Mum").reply(10_000)).isEqualTo("PHBX");
            w.sendBytes("garbage]]][".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(w.send("heart,400").reply(10_000)).as("implausible: kept as rejected, still answered").isEqualTo("heart");
            assertThat(w.send("LK").reply(10_000)).isEqualTo("LK");
        }
        assertThat(count("SELECT count(*) FROM rejected_message WHERE device_id = ?", id)).isEqualTo(1);
    }

    private String status(long command) {
        return jdbc.queryForObject("SELECT status FROM device_command WHERE id = ?", String.class, command);
    }
}
