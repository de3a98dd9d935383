package care.anxin.alert.support;

import care.anxin.alert.AlertServiceApplication;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a real alert service (Spring Boot, random HTTP port) on a test database with the test's
 * clock (settings passed as command-line arguments, which outrank the store's defaults). Several may run on one database, and one may be stopped and another started (restart).
 */
public final class AlertServiceRunner {

    /** A fixed test key for endpoint secrets at rest (base64 of 32 bytes). */
    public static final String TEST_SECRET_KEY = "YW54aW4tdGVzdC1rZXktMDEyMzQ1Njc4OWFiY2RlZiE=";

    private AlertServiceRunner() {
    }

    public static ConfigurableApplicationContext start(String databaseUrl, TestClock clock, Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", 0);
        props.put("spring.main.banner-mode", "off");
        props.put("spring.datasource.url", databaseUrl);
        props.put("spring.datasource.username", "postgres");
        props.put("spring.datasource.password", "postgres");
        props.put("spring.datasource.hikari.maximum-pool-size", 8);
        props.put("anxin.alert.events.poll-interval", "200ms");
        props.put("anxin.alert.escalation.timer-interval", "50ms");
        props.put("anxin.alert.dispatch.poll-interval", "50ms");
        props.put("anxin.alert.dispatch.backoff-base", "1s");
        props.put("anxin.alert.dispatch.request-timeout", "2s");
        props.put("anxin.alert.rules.enabled", false);
        // The tests' receivers listen on plain http at 127.0.0.1: allowed by configuration only.
        props.put("anxin.webhook.allow-http", true);
        props.put("anxin.webhook.allowed-targets", "127.0.0.1");
        props.put("anxin.webhook.secret-key", TEST_SECRET_KEY);
        props.putAll(overrides);
        return new SpringApplicationBuilder(AlertServiceApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", clock))
                .run(props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }
}
