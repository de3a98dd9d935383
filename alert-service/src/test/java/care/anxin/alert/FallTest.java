package care.anxin.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import care.anxin.alert.support.AlertHarness;
import care.anxin.alert.support.Fixtures;
import care.anxin.alert.support.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Falls wait out the 30 s cancel window; a cancel inside it pages nobody; an SOS right after a fall is the same incident. */
class FallTest {

    static AlertHarness harness;
    static final TestClock clock = new TestClock();

    @BeforeAll
    static void start() {
        harness = AlertHarness.start(clock, Map.of());
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void fallCancelledWithinWindowPagesNobodyButIsLogged() throws Exception {
        Fixtures.Elder elder = harness.world.elder("刘玉珍");
        long fall = harness.world.event(elder.id(), elder.wristband(), "FALL", "{\"confidence\":0.92}");
        awaitProcessed(fall);
        assertThat(harness.jdbc.queryForObject("SELECT status FROM alert_hold WHERE elder_id = ?", String.class, elder.id())).isEqualTo("HELD");
        assertThat(openIncidents(elder.id())).isZero();

        clock.advance(Duration.ofSeconds(12));
        long cancel = harness.world.event(elder.id(), elder.wristband(), "FALL_CANCELLED", "{\"refMsgId\":\"x\"}");
        awaitProcessed(cancel);
        clock.advance(Duration.ofSeconds(60));
        Thread.sleep(500); // the hold job and the dispatcher run every 50 ms

        assertThat(harness.jdbc.queryForObject("SELECT status FROM alert_hold WHERE elder_id = ?", String.class, elder.id())).isEqualTo("CANCELLED");
        Map<String, Object> logged = harness.jdbc.queryForMap("SELECT id, kind, status, outcome FROM alert WHERE elder_id = ?", elder.id());
        assertThat(logged).containsEntry("kind", "FALL").containsEntry("status", "CANCELLED").containsEntry("outcome", "CANCELLED_BY_ELDER");
        assertThat(harness.jdbc.queryForList("SELECT action FROM alert_action WHERE alert_id = ? ORDER BY at, id", String.class, logged.get("id")))
                .containsExactly("HELD", "CANCELLED_BY_ELDER");
        assertThat(harness.jdbc.queryForObject("SELECT count(*) FROM notification n JOIN alert a ON a.id = n.alert_id WHERE a.elder_id = ?", Integer.class, elder.id())).isZero();
        assertThat(harness.jdbc.queryForObject("SELECT count(*) FROM device_command WHERE device_id IN (?, ?)", Integer.class, elder.handset(), elder.wristband())).isZero();
        assertThat(harness.receiver.all()).noneMatch(r -> r.body().contains("刘玉珍"));
    }

    @Test
    void fallNotCancelledIsPagedAfterTheWindow() throws Exception {
        Fixtures.Elder elder = harness.world.elder("赵淑华");
        long fall = harness.world.event(elder.id(), elder.wristband(), "FALL", "{\"confidence\":0.88,\"lat\":31.23,\"lon\":121.47}");
        awaitProcessed(fall);
        clock.advance(Duration.ofSeconds(29));
        Thread.sleep(300);
        assertThat(openIncidents(elder.id())).isZero();

        clock.advance(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> openIncidents(elder.id()) == 1);
        Map<String, Object> incident = harness.jdbc.queryForMap("SELECT id, kind, severity, status FROM alert WHERE elder_id = ?", elder.id());
        assertThat(incident).containsEntry("kind", "FALL").containsEntry("severity", "CRITICAL").containsEntry("status", "OPEN");
        long alertId = ((Number) incident.get("id")).longValue();
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.receiver.received("/center").stream()
                .anyMatch(r -> r.body().contains("赵淑华")));
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.jdbc.queryForObject(
                "SELECT count(*) FROM device_command WHERE alert_id = ? AND device_id = ? AND payload->>'text' LIKE '检测到您可能跌倒%'",
                Integer.class, alertId, elder.handset()) == 1);
        assertThat(harness.jdbc.queryForObject("SELECT status FROM alert_hold WHERE elder_id = ?", String.class, elder.id())).isEqualTo("RELEASED");
    }

    @Test
    void sosWithinTwoMinutesOfAFallIsTheSameIncident() {
        Fixtures.Elder elder = harness.world.elder("孙凤英");
        long fall = harness.world.event(elder.id(), elder.wristband(), "FALL", "{}");
        awaitProcessed(fall);
        clock.advance(Duration.ofSeconds(10));
        long sos = harness.world.event(elder.id(), elder.handset(), "SOS", "{}");
        awaitProcessed(sos);

        List<Map<String, Object>> incidents = harness.jdbc.queryForList("SELECT id, kind, status, event_count FROM alert WHERE elder_id = ?", elder.id());
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0)).containsEntry("kind", "FALL").containsEntry("status", "OPEN").containsEntry("event_count", 2);
        Object alertId = incidents.get(0).get("id");
        assertThat(harness.jdbc.queryForList("SELECT action FROM alert_action WHERE alert_id = ?", String.class, alertId)).contains("OPENED", "CORRELATED");
        // The elder pressed SOS: the handset hears back with the SOS text at once.
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.jdbc.queryForObject(
                "SELECT count(*) FROM device_command WHERE alert_id = ? AND payload->>'text' LIKE '已收到您的紧急呼叫%'", Integer.class, alertId) == 1);

        clock.advance(Duration.ofSeconds(30));
        long secondSos = harness.world.event(elder.id(), elder.handset(), "SOS", "{}");
        awaitProcessed(secondSos);
        assertThat(harness.jdbc.queryForObject("SELECT count(*) FROM alert WHERE elder_id = ?", Integer.class, elder.id())).isEqualTo(1);
        assertThat(harness.jdbc.queryForObject("SELECT event_count FROM alert WHERE elder_id = ?", Integer.class, elder.id())).isEqualTo(3);
    }

    private static int openIncidents(long elderId) {
        return harness.jdbc.queryForObject("SELECT count(*) FROM alert WHERE elder_id = ? AND status IN ('OPEN','ACKNOWLEDGED')", Integer.class, elderId);
    }

    private static void awaitProcessed(long eventId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.jdbc.queryForObject(
                "SELECT processed_at IS NOT NULL FROM device_event WHERE id = ?", Boolean.class, eventId));
    }
}
