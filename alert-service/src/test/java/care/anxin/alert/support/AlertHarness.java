package care.anxin.alert.support;

import care.anxin.store.test.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One test world: a webhook receiver (also the SMS gateway at /sms), an alert service on a fresh
 * database with the given clock, and the SQL fixtures of an organization tree.
 */
public final class AlertHarness implements AutoCloseable {

    public final WebhookReceiver receiver;
    public final ConfigurableApplicationContext service;
    public final JdbcTemplate jdbc;
    public final Fixtures world;

    private AlertHarness(WebhookReceiver receiver, ConfigurableApplicationContext service, TestClock clock) {
        this.receiver = receiver;
        this.service = service;
        this.jdbc = service.getBean(JdbcTemplate.class);
        this.world = new Fixtures(jdbc, clock, receiver);
    }

    public static AlertHarness start(TestClock clock, Map<String, Object> overrides) {
        try {
            WebhookReceiver receiver = new WebhookReceiver();
            Map<String, Object> props = new HashMap<>(Map.of("anxin.alert.sms.gateway-url", receiver.url("/sms")));
            props.putAll(overrides);
            return new AlertHarness(receiver, AlertServiceRunner.start(TestDatabase.newDatabaseUrl(), clock, props), clock);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        service.close();
        receiver.close();
    }
}
