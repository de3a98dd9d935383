package care.anxin.store.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import care.anxin.store.test.TestDatabase;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class IncidentCommandsTest {

    private JdbcTemplate jdbc;
    private IncidentCommands commands;
    private long alertId;
    private long userId;

    @BeforeEach
    void openAnSosIncident() {
        DataSource ds = TestDatabase.newMigratedDataSource();
        jdbc = new JdbcTemplate(ds);
        commands = new IncidentCommands(ds, Clock.systemUTC());
        long org = jdbc.queryForObject("INSERT INTO organization(kind, code, name) VALUES ('COMMUNITY_CENTER','cc','中心') RETURNING id", Long.class);
        userId = jdbc.queryForObject("INSERT INTO app_user(organization_id, username, display_name, password_hash, role) VALUES (?, 'wang', '王', 'x', 'CARE_STAFF') RETURNING id", Long.class, org);
        long elder = jdbc.queryForObject("INSERT INTO elder(organization_id, name, birth_date) VALUES (?, '李奶奶', '1940-03-01') RETURNING id", Long.class, org);
        alertId = jdbc.queryForObject("""
                INSERT INTO alert(elder_id, organization_id, kind, severity, status, title, first_event_at, last_event_at, next_reminder_at)
                VALUES (?, ?, 'SOS', 'CRITICAL', 'OPEN', '一键呼叫', now(), now(), now() + interval '60 seconds') RETURNING id""", Long.class, elder, org);
    }

    @Test
    void acknowledgeStopsRemindersAndRecordsTheTimeline() {
        commands.acknowledge(alertId, userId, "电话已接通");

        var row = jdbc.queryForMap("SELECT status, acknowledged_by, acknowledged_at, next_reminder_at FROM alert WHERE id = ?", alertId);
        assertThat(row.get("status")).isEqualTo("ACKNOWLEDGED");
        assertThat(row.get("acknowledged_by")).isEqualTo(userId);
        assertThat(row.get("acknowledged_at")).isNotNull();
        assertThat(row.get("next_reminder_at")).isNull();
        assertThat(jdbc.queryForObject("SELECT detail->>'note' FROM alert_action WHERE alert_id = ? AND action = 'ACKNOWLEDGED'", String.class, alertId))
                .isEqualTo("电话已接通");
    }

    @Test
    void twoStaffAcknowledgingAtOnceOnlyOneWins() throws Exception {
        var pool = Executors.newFixedThreadPool(2);
        Callable<Boolean> ack = () -> {
            try {
                commands.acknowledge(alertId, userId, null);
                return true;
            } catch (IncidentStateException e) {
                return false;
            }
        };
        Future<Boolean> a = pool.submit(ack);
        Future<Boolean> b = pool.submit(ack);
        assertThat(a.get() ^ b.get()).isTrue();
        pool.shutdown();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert_action WHERE alert_id = ? AND action = 'ACKNOWLEDGED'", Integer.class, alertId)).isEqualTo(1);
    }

    @Test
    void resolveWithoutAcknowledgeCountsAsAcknowledgedAndClosesTimers() {
        commands.assign(alertId, userId, userId);
        commands.resolve(alertId, userId, IncidentOutcome.FALSE_ALARM, "误按");

        var row = jdbc.queryForMap("SELECT status, outcome, acknowledged_at, resolved_at, next_escalation_at, assignee_user_id FROM alert WHERE id = ?", alertId);
        assertThat(row.get("status")).isEqualTo("RESOLVED");
        assertThat(row.get("outcome")).isEqualTo("FALSE_ALARM");
        assertThat(row.get("acknowledged_at")).isEqualTo(row.get("resolved_at"));
        assertThat(row.get("assignee_user_id")).isEqualTo(userId);
        assertThatThrownBy(() -> commands.acknowledge(alertId, userId, null)).isInstanceOf(IncidentStateException.class)
                .hasMessageContaining("RESOLVED");
        commands.addNote(alertId, userId, "回访：老人安好");
        assertThat(jdbc.queryForList("SELECT action FROM alert_action WHERE alert_id = ? ORDER BY id", String.class, alertId))
                .containsExactly("ASSIGNED", "RESOLVED", "NOTE");
    }

    @Test
    void unknownIncidentIsReported() {
        assertThatThrownBy(() -> commands.acknowledge(424242, userId, null))
                .isInstanceOfSatisfying(IncidentStateException.class, e -> assertThat(e.currentStatus()).isNull());
    }
}
