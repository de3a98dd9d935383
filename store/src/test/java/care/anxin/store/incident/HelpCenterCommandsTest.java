package care.anxin.store.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import care.anxin.store.test.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Phone intake and dispatch against a real database: races, the outbox row, forward-only progress. */
class HelpCenterCommandsTest {

    private JdbcTemplate jdbc;
    private PhoneIntake intake;
    private DispatchCommands dispatches;
    private long userId;
    private long elderId;

    @BeforeEach
    void database() {
        DataSource ds = TestDatabase.newMigratedDataSource();
        jdbc = new JdbcTemplate(ds);
        intake = new PhoneIntake(ds, Clock.systemUTC());
        dispatches = new DispatchCommands(ds, Clock.systemUTC());
        long org = jdbc.queryForObject("INSERT INTO organization(kind, code, name) VALUES ('COMMUNITY_CENTER','cc','中心') RETURNING id", Long.class);
        userId = jdbc.queryForObject("INSERT INTO app_user(organization_id, username, display_name, password_hash, role) VALUES (?, 'op', '话务员', 'x', 'DISTRICT_STAFF') RETURNING id", Long.class, org);
        elderId = jdbc.queryForObject("INSERT INTO elder(organization_id, name, birth_date) VALUES (?, '李奶奶', '1940-03-01') RETURNING id", Long.class, org);
    }

    private PhoneIntake.Call call(String note) {
        return new PhoneIntake.Call(elderId, CallKind.CALL_SOS, "CRITICAL", "电话求助", note, "13500000000", "邻居", null, userId);
    }

    @Test
    void twoOperatorsLoggingTheSameEmergencyAtOnceMakeOneIncident() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<PhoneIntake.Logged>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String note = "来电 " + i;
            calls.add(pool.submit((Callable<PhoneIntake.Logged>) () -> intake.log(call(note))));
        }
        long opened = 0;
        for (Future<PhoneIntake.Logged> f : calls) {
            opened += f.get().opened() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(opened).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert WHERE elder_id = ?", Integer.class, elderId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT event_count FROM alert WHERE elder_id = ?", Integer.class, elderId)).isEqualTo(4);
        assertThat(jdbc.queryForList("SELECT action FROM alert_action ORDER BY id", String.class))
                .containsExactly("CALL_OPENED", "CALL_REPEATED", "CALL_REPEATED", "CALL_REPEATED");
    }

    @Test
    void anUnknownElderIsRefusedAndNothingIsWritten() {
        assertThatThrownBy(() -> intake.log(new PhoneIntake.Call(999_999L, CallKind.CALL_HEALTH, "HIGH", "t", "n", null, null, null, userId)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert", Integer.class)).isZero();
    }

    @Test
    void aDispatchQueuesOneSmsAcknowledgesAndMovesOnlyForward() {
        long alertId = intake.log(call("倒地")).alertId();
        Dispatch d = dispatches.dispatch(alertId, new DispatchCommands.Responder(null, "志愿者", "13711112222"), "带药",
                userId, "hash-1", Instant.now().plusSeconds(3600), "短信 link");
        assertThat(jdbc.queryForObject("SELECT status FROM alert WHERE id = ?", String.class, alertId)).isEqualTo("ACKNOWLEDGED");
        assertThat(jdbc.queryForMap("SELECT channel, recipient, status FROM notification WHERE idempotency_key = ?", "dispatch:" + d.id()))
                .containsEntry("channel", "SMS").containsEntry("recipient", "13711112222").containsEntry("status", "PENDING");
        assertThat(d.notificationStatus()).isEqualTo("PENDING");
        assertThat(dispatches.findByToken("hash-1")).map(Dispatch::id).contains(d.id());

        assertThat(dispatches.advance(d.id(), DispatchStatus.ARRIVED, null, null, null).arrivedAt()).isNotNull();
        assertThat(dispatches.advance(d.id(), DispatchStatus.ARRIVED, null, null, null).status()).isEqualTo(DispatchStatus.ARRIVED);
        assertThatThrownBy(() -> dispatches.advance(d.id(), DispatchStatus.EN_ROUTE, null, null, null))
                .isInstanceOf(IncidentStateException.class);
        assertThatThrownBy(() -> dispatches.advance(d.id(), DispatchStatus.DONE, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        Dispatch done = dispatches.advance(d.id(), DispatchStatus.DONE, "HELP_PROVIDED", "已处理", null);
        assertThat(done.actionable(Instant.now())).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert_action WHERE alert_id = ? AND action LIKE 'RESPONDER_%'",
                Integer.class, alertId)).as("the repeated ARRIVED wrote nothing").isEqualTo(2);

        jdbc.update("UPDATE alert SET status = 'RESOLVED' WHERE id = ?", alertId);
        assertThatThrownBy(() -> dispatches.dispatch(alertId, new DispatchCommands.Responder(null, "x", "13700000000"), null,
                userId, "hash-2", Instant.now().plusSeconds(60), "t")).isInstanceOf(IncidentStateException.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification", Integer.class)).isEqualTo(1);
    }
}
