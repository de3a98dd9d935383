package care.anxin.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import care.anxin.alert.consume.UrgentQueueHealth;
import care.anxin.alert.support.AlertHarness;
import care.anxin.alert.support.Fixtures;
import care.anxin.alert.support.StallingEndpoints;
import care.anxin.alert.support.TestClock;
import care.anxin.store.incident.IncidentCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/**
 * Issue 9, "every SOS reaches a human when things go wrong", with real faults: stalled and dead
 * webhook receivers, a flood of abnormal vitals ahead of an SOS, an SOS that keeps failing, wrong
 * device clocks, and a second press after an acknowledgement.
 */
class UrgentPathFaultsTest {

    static AlertHarness harness;
    static StallingEndpoints partners;
    static final TestClock clock = new TestClock();

    @BeforeAll
    static void start() throws Exception {
        partners = new StallingEndpoints();
        harness = AlertHarness.start(clock, Map.of("anxin.alert.dispatch.total-deadline", "1500ms",
                "anxin.alert.events.urgent-max-age", "30s", "anxin.alert.events.device-per-minute", 1000));
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
        partners.close();
    }

    private Fixtures.Elder elderWithBrokenPartners(String name) {
        Fixtures.Elder elder = harness.world.elder(name);
        // two more endpoints of the elder's care center: one stalls after its headers, one never accepts
        harness.world.endpoint(harness.world.center, "stalling", partners.stallingUrl(), "s");
        harness.world.endpoint(harness.world.center, "dead", partners.neverAcceptingUrl(), "s");
        return elder;
    }

    @Test
    void stalledAndDeadWebhooksDelayNeitherTheHandsetNorAnotherEndpoint() {
        Fixtures.Elder first = elderWithBrokenPartners("周桂英");
        harness.world.event(first.id(), first.handset(), "SOS", "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> partners.stalledRequests.get() >= 1);

        // while the stalling partner holds its connection, the next elder presses SOS
        Fixtures.Elder second = harness.world.elder("吴建华");
        long started = System.nanoTime();
        harness.world.event(second.id(), second.handset(), "SOS", "{}");
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.jdbc.queryForObject(
                "SELECT count(*) FROM device_command c JOIN alert a ON a.id = c.alert_id WHERE a.elder_id = ?",
                Integer.class, second.id()) == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.receiver.received("/center").stream()
                .anyMatch(r -> r.body().contains("吴建华")));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("second SOS: ALERT_ACK queued and healthy webhook delivered in %d ms while a partner stalls%n", millis);

        // the partner that never answers is cut off at the deadline (or connect timeout) and retried, never
        // hanging a sender; the one that stalls in its body answered 200 with its headers: delivered
        await().atMost(Duration.ofSeconds(15)).until(() -> harness.jdbc.queryForObject("""
                SELECT count(*) FROM notification_attempt a JOIN notification n ON n.id = a.notification_id
                JOIN notification_endpoint e ON e.id = n.endpoint_id
                WHERE e.url = ? AND NOT a.success""", Integer.class, partners.neverAcceptingUrl()) >= 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.jdbc.queryForObject("""
                SELECT count(*) FROM notification_attempt a JOIN notification n ON n.id = a.notification_id
                JOIN notification_endpoint e ON e.id = n.endpoint_id
                WHERE e.url = ? AND a.success""", Integer.class, partners.stallingUrl()) >= 1);
    }

    @Test
    void floodOfAbnormalVitalsDoesNotDelayAnSosAndIsCoalesced() {
        Fixtures.Elder flooding = harness.world.elder("郑大爷");
        harness.jdbc.update("""
                INSERT INTO device_event (elder_id, device_id, kind, occurred_at, received_at, msg_id, payload)
                SELECT ?, ?, 'VITAL_ABNORMAL', now(), now(), 'flood-' || g,
                       '{"code":"HR","value":150,"classification":"HIGH","high":100}'::jsonb
                FROM generate_series(1, 3000) g""", flooding.id(), flooding.wristband());
        Fixtures.Elder pressing = harness.world.elder("冯奶奶");
        harness.world.event(pressing.id(), pressing.handset(), "SOS", "{}");
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.jdbc.queryForObject(
                "SELECT count(*) FROM alert WHERE elder_id = ? AND kind = 'SOS'", Integer.class, pressing.id()) == 1);

        await().atMost(Duration.ofSeconds(60)).until(() -> harness.jdbc.queryForObject(
                "SELECT count(*) FROM device_event WHERE elder_id = ? AND processed_at IS NULL", Integer.class, flooding.id()) == 0);
        Map<String, Object> vital = harness.jdbc.queryForMap(
                "SELECT count(*) AS n, max(id) AS id, max(event_count) AS events FROM alert WHERE elder_id = ? AND kind = 'VITAL_HR'", flooding.id());
        assertThat(vital.get("n")).isEqualTo(1L);
        // coalesced per elder and code: every reading counted, but one incident write per round, not 3000
        assertThat(((Number) vital.get("events")).intValue()).isEqualTo(3000);
        assertThat(harness.jdbc.queryForObject("SELECT count(*) FROM alert_action WHERE alert_id = ?", Integer.class,
                ((Number) vital.get("id")).longValue())).isLessThan(100);
        assertThat(harness.jdbc.queryForObject("SELECT count(*) FROM device_event WHERE elder_id = ? AND last_error LIKE 'coalesced%'",
                Integer.class, flooding.id())).isGreaterThan(2000);
    }

    @Test
    void anSosThatKeepsFailingIsRetriedForeverNeverParkedAndTurnsHealthDown() {
        Fixtures.Elder elder = harness.world.elder("陈阿婆");
        // a payload the typed contract cannot read: every attempt fails
        long eventId = harness.world.event(elder.id(), elder.handset(), "SOS", "{\"lat\":\"north\",\"lon\":1}");
        for (int i = 0; i < 8; i++) {
            int before = attempts(eventId);
            clock.advance(Duration.ofSeconds(40));
            await().atMost(Duration.ofSeconds(10)).until(() -> attempts(eventId) > before);
        }
        Map<String, Object> row = harness.jdbc.queryForMap("SELECT processed_at, parked_at, attempts FROM device_event WHERE id = ?", eventId);
        assertThat(row.get("processed_at")).isNull();
        assertThat(row.get("parked_at")).isNull();
        assertThat(((Number) row.get("attempts")).intValue()).isGreaterThan(5);
        UrgentQueueHealth health = harness.service.getBean(UrgentQueueHealth.class);
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

        // the cause is fixed (e.g. a new release reads it): the SOS still becomes an incident
        harness.jdbc.update("UPDATE device_event SET payload = '{}'::jsonb WHERE id = ?", eventId);
        clock.advance(Duration.ofSeconds(40)); // past the longest backoff (30 s + jitter)
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.jdbc.queryForObject(
                "SELECT count(*) FROM alert WHERE elder_id = ? AND kind = 'SOS'", Integer.class, elder.id()) == 1);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    private int attempts(long eventId) {
        return harness.jdbc.queryForObject("SELECT attempts FROM device_event WHERE id = ?", Integer.class, eventId);
    }

    @Test
    void sosFromAClockResetTo2000OrAYearAheadOpensMarkedClockWrong() {
        for (String deviceTime : List.of("2000-01-01T00:00:00Z", clock.instant().plus(Duration.ofDays(365)).toString())) {
            Fixtures.Elder elder = harness.world.elder("时钟错 " + deviceTime.substring(0, 4));
            // as the gateway writes it: placed at the receive time, flagged (DeviceClock.FLAG_CLOCK_WRONG)
            harness.world.event(elder.id(), elder.handset(), "SOS", "{\"clockFlags\":4,\"deviceTime\":\"" + deviceTime + "\"}");
            await().atMost(Duration.ofSeconds(10)).until(() -> harness.jdbc.queryForObject(
                    "SELECT count(*) FROM alert WHERE elder_id = ? AND kind = 'SOS' AND device_clock_wrong", Integer.class, elder.id()) == 1);
            long alertId = harness.jdbc.queryForObject("SELECT id FROM alert WHERE elder_id = ?", Long.class, elder.id());
            assertThat(harness.jdbc.queryForObject("SELECT detail->>'deviceTime' FROM alert_action WHERE alert_id = ? AND action = 'DEVICE_CLOCK_WRONG'",
                    String.class, alertId)).isEqualTo(deviceTime);
            await().atMost(Duration.ofSeconds(5)).until(() -> harness.jdbc.queryForObject(
                    "SELECT count(*) FROM device_command WHERE alert_id = ?", Integer.class, alertId) == 1);
        }
    }

    @Test
    void secondPressAfterAcknowledgementIsNewsAndTheElderHearsWhoConfirmed() {
        Fixtures.Elder elder = harness.world.elder("褚老太");
        harness.world.event(elder.id(), elder.handset(), "SOS", "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.jdbc.queryForObject(
                "SELECT count(*) FROM alert WHERE elder_id = ? AND first_notified_at IS NOT NULL", Integer.class, elder.id()) == 1);
        long alertId = harness.jdbc.queryForObject("SELECT id FROM alert WHERE elder_id = ?", Long.class, elder.id());
        IncidentCommands commands = new IncidentCommands(harness.service.getBean(DataSource.class), clock);
        commands.acknowledge(alertId, harness.world.staffUser, "on my way");

        // the elder hears that a person confirmed, naming the center
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.jdbc.queryForObject(
                "SELECT count(*) FROM device_command WHERE alert_id = ? AND payload->>'text' LIKE '外滩社区养老服务中心已确认%'",
                Integer.class, alertId) == 1);
        assertThat(harness.jdbc.queryForList("SELECT detail->>'stage' FROM alert_action WHERE alert_id = ? AND action = 'HANDSET_ACK' ORDER BY id",
                String.class, alertId)).containsExactly("RECEIVED", "CONFIRMED");
        int webhooksBefore = harness.receiver.received("/center", "褚老太").size();

        // nobody came: the elder presses again
        harness.world.event(elder.id(), elder.handset(), "SOS", "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> "OPEN".equals(harness.jdbc.queryForObject(
                "SELECT status FROM alert WHERE id = ?", String.class, alertId)));
        assertThat(harness.jdbc.queryForObject("SELECT count(*) FROM alert WHERE elder_id = ? AND kind = 'SOS'", Integer.class, elder.id())).isEqualTo(1);
        assertThat(harness.jdbc.queryForList("SELECT action FROM alert_action WHERE alert_id = ? ORDER BY id", String.class, alertId))
                .containsSubsequence("ACKNOWLEDGED", "PRESSED_AGAIN_AFTER_ACK", "ESCALATED");
        // escalation restarted: the care center is paged again (new round, new idempotency key)
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.receiver.received("/center", "褚老太").size() > webhooksBefore);
        assertThat(harness.receiver.received("/center", "褚老太").get(webhooksBefore).header("Idempotency-Key")).contains(":round:1:");
        // and it needs (and gets) a new acknowledgement, told to the elder again
        clock.advance(Duration.ofSeconds(5));
        commands.acknowledge(alertId, harness.world.staffUser, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.jdbc.queryForObject(
                "SELECT count(*) FROM device_command WHERE alert_id = ? AND payload->>'text' LIKE '%已确认%'", Integer.class, alertId) == 2);
    }
}
