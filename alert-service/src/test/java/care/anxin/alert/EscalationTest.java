package care.anxin.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import care.anxin.alert.support.AlertHarness;
import care.anxin.alert.support.Fixtures;
import care.anxin.alert.support.TestClock;
import care.anxin.store.incident.IncidentCommands;
import care.anxin.store.incident.IncidentOutcome;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in urgent policy with a controllable clock: care center at once; unacknowledged after
 * 60 s the street help center and the family (SMS gateway), reminding every 60 s; acknowledgement
 * stops the reminders; unresolved after 15 min the medical partner; resolution stops everything.
 */
class EscalationTest {

    static AlertHarness harness;
    static IncidentCommands commands;
    static final TestClock clock = new TestClock();
    static final ObjectMapper mapper = new ObjectMapper();
    static final String NAME = "周桂英";

    @BeforeAll
    static void start() {
        harness = AlertHarness.start(clock, Map.of());
        commands = new IncidentCommands(harness.service.getBean(DataSource.class), clock);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void unacknowledgedSosEscalatesAndRemindsUntilAcknowledged() throws Exception {
        Fixtures.Elder elder = harness.world.elder(NAME);
        harness.world.event(elder.id(), elder.handset(), "SOS", "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.receiver.received("/center", NAME).size() == 1);
        long alertId = harness.jdbc.queryForObject("SELECT id FROM alert WHERE elder_id = ?", Long.class, elder.id());

        clock.advance(Duration.ofSeconds(59));
        Thread.sleep(400);
        assertThat(harness.receiver.received("/street", NAME)).isEmpty();
        assertThat(harness.receiver.received("/sms", NAME)).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.receiver.received("/street", NAME).size() == 1 && harness.receiver.received("/sms", NAME).size() == 1);
        JsonNode sms = mapper.readTree(harness.receiver.received("/sms", NAME).get(0).body());
        assertThat(sms.path("phone").asText()).isEqualTo("13800000001");
        assertThat(sms.path("text").asText()).contains("紧急呼叫", "周桂英");
        assertThat(harness.receiver.received("/street", NAME).get(0).header("Idempotency-Key")).endsWith(":step:1:target:endpoint:" + harness.world.streetEndpoint + ":rem:0");

        clock.advance(Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.receiver.received("/street", NAME).size() == 2 && harness.receiver.received("/sms", NAME).size() == 2);
        assertThat(harness.receiver.received("/street", NAME).get(1).header("Idempotency-Key")).endsWith(":rem:1");
        assertThat(mapper.readTree(harness.receiver.received("/street", NAME).get(1).body()).path("type").asText()).isEqualTo("alert.reminder");

        commands.acknowledge(alertId, harness.world.staffUser, "马上到");
        clock.advance(Duration.ofSeconds(60));
        Thread.sleep(300);
        clock.advance(Duration.ofSeconds(60));
        Thread.sleep(300);
        clock.advance(Duration.ofSeconds(60));
        Thread.sleep(400);
        assertThat(harness.receiver.received("/street", NAME)).hasSize(2);
        assertThat(harness.receiver.received("/sms", NAME)).hasSize(2);
        assertThat(harness.receiver.received("/center", NAME)).hasSize(1);

        // Acknowledged but not resolved at 15 minutes: the medical partner is called in.
        clock.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.receiver.received("/partner", NAME).size() == 1);
        Map<String, Object> row = harness.jdbc.queryForMap("SELECT escalation_level, next_escalation_at, next_reminder_at, status, reminder_count FROM alert WHERE id = ?", alertId);
        assertThat(row.get("escalation_level")).isEqualTo(3);
        assertThat(row.get("next_escalation_at")).isNull();
        assertThat(row.get("next_reminder_at")).isNull();
        assertThat(row.get("status")).isEqualTo("ACKNOWLEDGED");
        List<String> actions = harness.jdbc.queryForList("SELECT action FROM alert_action WHERE alert_id = ? ORDER BY id", String.class, alertId);
        assertThat(actions).containsSubsequence("OPENED", "ESCALATED", "ESCALATED", "REMINDED", "ACKNOWLEDGED", "ESCALATED");

        commands.resolve(alertId, harness.world.staffUser, IncidentOutcome.HELP_PROVIDED, "已送医");
        clock.advance(Duration.ofHours(1));
        Thread.sleep(400);
        assertThat(harness.receiver.all().stream().filter(r -> r.body().contains("周桂英"))).hasSize(1 + 2 + 2 + 1);
    }

    @Test
    void organizationPolicyOverridesTheDefault() throws Exception {
        Fixtures.Elder elder = harness.world.elder("吴兰芳");
        // District-wide policy for VITAL_HR: district's street at once (organizationKind), nothing else.
        harness.jdbc.update("INSERT INTO escalation_policy (organization_id, alert_kind, name, steps) VALUES (?, 'VITAL_HR', '心率直报街道', ?::jsonb)",
                harness.world.district, "[{\"afterSeconds\":0,\"targets\":[{\"type\":\"ORGANIZATION\",\"organizationKind\":\"STREET\"}]}]");
        harness.world.event(elder.id(), elder.wristband(), "VITAL_ABNORMAL", "{\"code\":\"HR\",\"value\":45,\"classification\":\"LOW\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.receiver.received("/street").stream().anyMatch(r -> r.body().contains("吴兰芳")));
        assertThat(harness.jdbc.queryForObject("SELECT severity FROM alert WHERE elder_id = ?", String.class, elder.id())).isEqualTo("MEDIUM");
        assertThat(harness.receiver.received("/center")).noneMatch(r -> r.body().contains("吴兰芳"));
        assertThat(harness.jdbc.queryForObject("SELECT detail->>'policy' FROM alert_action WHERE action = 'ESCALATED' AND alert_id = (SELECT id FROM alert WHERE elder_id = ?)",
                String.class, elder.id())).isEqualTo("organization:" + harness.world.center);
    }
}
