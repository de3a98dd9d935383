package care.anxin.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import care.anxin.alert.support.AlertHarness;
import care.anxin.alert.support.Fixtures;
import care.anxin.alert.support.TestClock;
import care.anxin.store.incident.CallKind;
import care.anxin.store.incident.DispatchCommands;
import care.anxin.store.incident.PhoneIntake;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the monitoring service writes for the help center, as the alert service takes it up: a phoned-in
 * emergency escalates like a device SOS (care center at once, then the street and the family — a
 * family account linked to the elder included); a dispatch's SMS leaves through the outbox at once,
 * woken by NOTIFY rather than the next poll.
 */
class HelpCenterEscalationTest {

    static AlertHarness harness;
    static final TestClock clock = new TestClock();
    static final ObjectMapper mapper = new ObjectMapper();
    static PhoneIntake intake;
    static DispatchCommands dispatches;

    @BeforeAll
    static void start() {
        // A long dispatcher poll: only the NOTIFY wake-up can deliver the dispatch SMS quickly.
        harness = AlertHarness.start(clock, Map.of("anxin.alert.dispatch.poll-interval", "30s"));
        DataSource dataSource = harness.service.getBean(DataSource.class);
        intake = new PhoneIntake(dataSource, clock);
        dispatches = new DispatchCommands(dataSource, clock);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void aPhonedInEmergencyEscalatesLikeAnSosAndReachesTheLinkedFamilyAccount() throws Exception {
        String name = "钱秀兰";
        Fixtures.Elder elder = harness.world.elder(name);
        long family = harness.jdbc.queryForObject("""
                INSERT INTO app_user (organization_id, username, display_name, password_hash, role, phone)
                VALUES (?, 'fam-qian', '钱女儿', 'x', 'FAMILY', '13600000009') RETURNING id""", Long.class, harness.world.center);
        harness.jdbc.update("INSERT INTO family_link (user_id, elder_id, relation) VALUES (?, ?, '女儿')", family, elder.id());

        PhoneIntake.Logged logged = intake.log(new PhoneIntake.Call(elder.id(), CallKind.CALL_SOS, "CRITICAL", "电话求助",
                "邻居来电：老人倒地", "13512345678", "邻居", null, harness.world.staffUser));
        assertThat(logged.opened()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.receiver.received("/center", name).size() == 1);
        assertThat(harness.receiver.received("/center", name).get(0).body()).contains("CALL_SOS", "电话求助");

        clock.advance(Duration.ofSeconds(61));
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.receiver.received("/sms", name).size() == 2);
        assertThat(harness.receiver.received("/sms", name).stream().map(r -> phone(r.body())))
                .containsExactlyInAnyOrder("13800000001", "13600000009");
        assertThat(harness.receiver.received("/street", name)).hasSize(1);
    }

    @Test
    void aDispatchSmsLeavesThroughTheOutboxWithoutWaitingForThePoll() throws Exception {
        Fixtures.Elder elder = harness.world.elder("孙桂芝");
        long alertId = intake.log(new PhoneIntake.Call(elder.id(), CallKind.CALL_SERVICE, "LOW", "服务请求：MEALS",
                "送午餐", null, null, "MEALS", harness.world.staffUser)).alertId();
        long started = System.nanoTime();
        var dispatch = dispatches.dispatch(alertId, new DispatchCommands.Responder(null, "志愿者", "13711119999"), "送餐",
                harness.world.staffUser, "hash-" + alertId, clock.instant().plusSeconds(3600), "【安心】派单：请上门 link");
        await().atMost(Duration.ofSeconds(10)).until(() -> !harness.receiver.received("/sms", "13711119999").isEmpty());
        System.out.printf("dispatch -> SMS at the gateway (dispatcher poll 30 s): %d ms%n", (System.nanoTime() - started) / 1_000_000);
        var sms = harness.receiver.received("/sms", "13711119999").get(0);
        assertThat(sms.header("Idempotency-Key")).isEqualTo("dispatch:" + dispatch.id());
        assertThat(sms.body()).contains("派单");
        await().atMost(Duration.ofSeconds(5)).until(() -> "SENT".equals(dispatches.find(dispatch.id()).orElseThrow().notificationStatus()));
    }

    private static String phone(String body) {
        try {
            JsonNode json = mapper.readTree(body);
            return json.path("phone").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
