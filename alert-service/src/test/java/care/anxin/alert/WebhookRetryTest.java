package care.anxin.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import care.anxin.alert.support.AlertServiceRunner;
import care.anxin.alert.support.Fixtures;
import care.anxin.alert.support.TestClock;
import care.anxin.alert.support.WebhookReceiver;
import care.anxin.store.test.TestDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** A partner that is down: retried with growing backoff under one idempotency key, delivered once; or DEAD and visible. */
class WebhookRetryTest {

    static WebhookReceiver receiver;
    static ConfigurableApplicationContext service;
    static JdbcTemplate jdbc;
    static final TestClock clock = new TestClock();

    @BeforeAll
    static void start() throws Exception {
        receiver = new WebhookReceiver();
        service = AlertServiceRunner.start(TestDatabase.newDatabaseUrl(), clock,
                Map.of("anxin.alert.dispatch.max-attempts", 4, "anxin.alert.dispatch.backoff-base", "1s"));
        jdbc = service.getBean(JdbcTemplate.class);
    }

    @AfterAll
    static void stop() {
        service.close();
        receiver.close();
    }

    @Test
    void endpointDownThenUpIsRetriedAndDeliveredOnce() throws Exception {
        Fixtures world = new Fixtures(jdbc, clock, receiver, "/w1");
        receiver.answer("/w1/center", n -> n <= 3 ? 503 : 200);
        Fixtures.Elder elder = world.elder("黄秀珍");
        world.event(elder.id(), elder.handset(), "SOS", "{}");

        runClockUntil(() -> receiver.received("/w1/center").size() >= 4);
        Thread.sleep(300);
        List<WebhookReceiver.Received> got = receiver.received("/w1/center");
        assertThat(got).hasSize(4);
        assertThat(got.stream().map(r -> r.header("Idempotency-Key")).distinct()).hasSize(1);
        assertThat(got.stream().map(WebhookReceiver.Received::body).distinct()).hasSize(1);
        assertThat(got.stream().filter(r -> r.answeredStatus() == 200)).hasSize(1);

        long notificationId = jdbc.queryForObject("SELECT id FROM notification WHERE endpoint_id = ?", Long.class, world.centerEndpoint);
        assertThat(jdbc.queryForMap("SELECT status, attempts FROM notification WHERE id = ?", notificationId))
                .containsEntry("status", "SENT").containsEntry("attempts", 4);
        List<Map<String, Object>> attempts = jdbc.queryForList("SELECT at, success, status_code FROM notification_attempt WHERE notification_id = ? ORDER BY id", notificationId);
        assertThat(attempts).extracting(a -> a.get("success")).containsExactly(false, false, false, true);
        assertThat(attempts).extracting(a -> a.get("status_code")).containsExactly(503, 503, 503, 200);
        long gap1 = gapMillis(attempts, 0);
        long gap2 = gapMillis(attempts, 1);
        long gap3 = gapMillis(attempts, 2);
        // base 1 s doubling, +-20 % jitter: ~1 s, ~2 s, ~4 s.
        assertThat(gap1).isGreaterThanOrEqualTo(800);
        assertThat(gap2).isGreaterThanOrEqualTo(1600);
        assertThat(gap3).isGreaterThanOrEqualTo(3200).isGreaterThan(gap1);
        assertThat(jdbc.queryForObject("SELECT first_notified_at IS NOT NULL FROM alert WHERE elder_id = ?", Boolean.class, elder.id())).isTrue();
    }

    @Test
    void deadAfterMaxAttemptsRaisesNotificationFailedIncident() throws Exception {
        Fixtures world = new Fixtures(jdbc, clock, receiver, "/w2");
        receiver.answer("/w2/center", n -> 500);
        Fixtures.Elder elder = world.elder("林秀云");
        world.event(elder.id(), elder.handset(), "SOS", "{}");

        runClockUntil(() -> jdbc.queryForObject("SELECT count(*) FROM alert WHERE elder_id = ? AND kind = 'NOTIFICATION_FAILED'", Integer.class, elder.id()) == 1);
        long sosId = jdbc.queryForObject("SELECT id FROM alert WHERE elder_id = ? AND kind = 'SOS'", Long.class, elder.id());
        Map<String, Object> dead = jdbc.queryForMap("SELECT status, attempts, last_error FROM notification WHERE alert_id = ? AND endpoint_id = ?", sosId, world.centerEndpoint);
        assertThat(dead).containsEntry("status", "DEAD").containsEntry("attempts", 4);
        assertThat((String) dead.get("last_error")).contains("HTTP 500");
        Map<String, Object> failed = jdbc.queryForMap("SELECT severity, status, detail->>'failedAlertId' AS failed FROM alert WHERE elder_id = ? AND kind = 'NOTIFICATION_FAILED'", elder.id());
        assertThat(failed).containsEntry("severity", "HIGH").containsEntry("status", "OPEN").containsEntry("failed", Long.toString(sosId));
        assertThat(jdbc.queryForList("SELECT action FROM alert_action WHERE alert_id = ?", String.class, sosId)).contains("NOTIFICATION_DEAD");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification_attempt a JOIN notification n ON n.id = a.notification_id WHERE n.alert_id = ? AND n.endpoint_id = ?",
                Integer.class, sosId, world.centerEndpoint)).isEqualTo(4);
    }

    /** Moves the test clock 200 ms every 50 ms of real time until the condition holds (at most 30 s). */
    private static void runClockUntil(java.util.concurrent.Callable<Boolean> condition) {
        AtomicBoolean done = new AtomicBoolean();
        Thread ticker = new Thread(() -> {
            while (!done.get()) {
                clock.advance(Duration.ofMillis(200));
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        ticker.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(condition);
        } finally {
            done.set(true);
        }
    }

    private static long gapMillis(List<Map<String, Object>> attempts, int i) {
        return ((Timestamp) attempts.get(i + 1).get("at")).getTime() - ((Timestamp) attempts.get(i).get("at")).getTime();
    }
}
