package care.anxin.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import care.anxin.alert.support.AlertServiceRunner;
import care.anxin.alert.support.Fixtures;
import care.anxin.alert.support.TestClock;
import care.anxin.alert.support.WebhookReceiver;
import care.anxin.store.test.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Timers live in the database: a service stopped mid-escalation and a new one started continue, without repeats. */
class RestartTest {

    @Test
    void escalationAndHeldFallContinueAfterRestart() throws Exception {
        TestClock clock = new TestClock();
        String url = TestDatabase.newDatabaseUrl();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Fixtures.Elder sosElder;
            Fixtures.Elder fallElder;
            Fixtures world;
            try (ConfigurableApplicationContext before = AlertServiceRunner.start(url, clock, Map.of())) {
                JdbcTemplate jdbc = before.getBean(JdbcTemplate.class);
                world = new Fixtures(jdbc, clock, receiver);
                sosElder = world.elder("郑秀兰");
                fallElder = world.elder("冯淑珍");
                world.event(sosElder.id(), sosElder.handset(), "SOS", "{}");
                long fall = world.event(fallElder.id(), fallElder.wristband(), "FALL", "{}");
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/center").size() == 1
                        && jdbc.queryForObject("SELECT processed_at IS NOT NULL FROM device_event WHERE id = ?", Boolean.class, fall));
            }
            // Down for a minute and a bit: the ack deadline and the fall's cancel window pass meanwhile.
            clock.advance(Duration.ofSeconds(61));
            try (ConfigurableApplicationContext after = AlertServiceRunner.start(url, clock, Map.of())) {
                JdbcTemplate jdbc = after.getBean(JdbcTemplate.class);
                await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received("/street").size() == 1
                        && receiver.received("/center").size() == 2);
                assertThat(receiver.received("/street").get(0).body()).contains("郑秀兰");
                assertThat(receiver.received("/center").get(1).body()).contains("冯淑珍");
                assertThat(jdbc.queryForObject("SELECT status FROM alert WHERE elder_id = ?", String.class, fallElder.id())).isEqualTo("OPEN");

                clock.advance(Duration.ofSeconds(60));
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/street", "郑秀兰").size() == 2);
                assertThat(receiver.received("/street", "郑秀兰").get(1).header("Idempotency-Key")).endsWith(":rem:1");
                Thread.sleep(300);
                // Nothing was sent twice: every key arrived exactly once.
                assertThat(receiver.all().stream().map(r -> r.header("Idempotency-Key")).distinct().count())
                        .isEqualTo(receiver.all().size());
            }
        }
    }
}
