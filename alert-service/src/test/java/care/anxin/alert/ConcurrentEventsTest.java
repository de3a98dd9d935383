package care.anxin.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import care.anxin.alert.support.AlertServiceRunner;
import care.anxin.alert.support.Fixtures;
import care.anxin.alert.support.TestClock;
import care.anxin.alert.support.WebhookReceiver;
import care.anxin.store.test.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 50 events of one kind for one elder, inserted at once from many threads while two alert-service
 * instances consume the queue side by side: exactly one open incident, counted 50 times, paged once.
 */
class ConcurrentEventsTest {

    static WebhookReceiver receiver;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    static JdbcTemplate jdbc;
    static Fixtures world;
    static final TestClock clock = new TestClock();

    @BeforeAll
    static void start() throws Exception {
        receiver = new WebhookReceiver();
        String url = TestDatabase.newDatabaseUrl();
        Map<String, Object> smallBatches = Map.of("anxin.alert.events.batch-size", 5, "anxin.alert.events.poll-interval", "20ms");
        first = AlertServiceRunner.start(url, clock, smallBatches);
        second = AlertServiceRunner.start(url, clock, smallBatches);
        jdbc = first.getBean(JdbcTemplate.class);
        world = new Fixtures(jdbc, clock, receiver);
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
        receiver.close();
    }

    @Test
    void fiftyConcurrentEventsMakeOneIncidentWithCountFifty() throws Exception {
        Fixtures.Elder elder = world.elder("陈桂兰");
        ExecutorService producers = Executors.newFixedThreadPool(10);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Long>> inserts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            inserts.add(producers.submit(() -> {
                go.await();
                return world.event(elder.id(), elder.wristband(), "VITAL_ABNORMAL",
                        "{\"code\":\"HR\",\"value\":142,\"classification\":\"CRITICAL_HIGH\",\"criticalHigh\":130}");
            }));
        }
        go.countDown();
        for (Future<Long> f : inserts) {
            f.get();
        }
        producers.shutdown();

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM device_event WHERE elder_id = ? AND processed_at IS NULL", Integer.class, elder.id()) == 0);
        List<Map<String, Object>> incidents = jdbc.queryForList("SELECT id, kind, severity, status, event_count FROM alert WHERE elder_id = ?", elder.id());
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0)).containsEntry("kind", "VITAL_HR").containsEntry("severity", "HIGH")
                .containsEntry("status", "OPEN").containsEntry("event_count", 50);
        long alertId = ((Number) incidents.get(0).get("id")).longValue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert_action WHERE alert_id = ? AND action = 'OPENED'", Integer.class, alertId)).isEqualTo(1);
        // events of one elder and code claimed in one round are coalesced: one write (and timeline entry) counts them all
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert_action WHERE alert_id = ? AND action = 'REPEATED'", Integer.class, alertId)).isLessThanOrEqualTo(49);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM device_event WHERE elder_id = ? AND last_error IS NOT NULL AND last_error NOT LIKE 'coalesced into event %'",
                Integer.class, elder.id())).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/center").size() == 1);
        Thread.sleep(300);
        assertThat(receiver.received("/center")).hasSize(1);
    }
}
