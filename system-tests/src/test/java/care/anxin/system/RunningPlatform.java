package care.anxin.system;

import care.anxin.alert.AlertServiceApplication;
import care.anxin.gateway.GatewayApplication;
import care.anxin.gateway.mqtt.MqttServer;
import care.anxin.gateway.watch.WatchServer;
import care.anxin.monitoring.MonitoringApplication;
import care.anxin.store.test.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gateway, alert service and monitoring service as three real Spring Boot applications in this
 * JVM, on free ports and one fresh embedded PostgreSQL database: the platform as ./anxin demo runs
 * it, minus the separate processes.
 */
final class RunningPlatform implements AutoCloseable {

    static final String ADMIN_PASSWORD = "system-test-admin";

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final Map<String, Object> everywhere;
    final String databaseUrl;
    final int mqttPort;
    /** The gateway's "3G" watch listener (docs/protocol-watch.md). */
    final int watchPort;
    final int monitoringPort;

    RunningPlatform(Map<String, Object> alertProperties) {
        this(TestDatabase.newDatabaseUrl(), Map.of(), alertProperties, true);
    }

    /**
     * @param everywhere     properties for all three services (e.g. short database timeouts)
     * @param alertInThisJvm false: the caller runs the alert service itself (e.g. as a process it can kill)
     */
    RunningPlatform(String databaseUrl, Map<String, Object> everywhere, Map<String, Object> alertProperties,
                    boolean alertInThisJvm) {
        this.databaseUrl = databaseUrl;
        this.everywhere = everywhere;
        // The gateway migrates the schema first, as in the demo.
        ConfigurableApplicationContext gateway = start(GatewayApplication.class, Map.of(
                "anxin.gateway.port", 0,
                "anxin.gateway.watch.port", 0,
                "anxin.gateway.bind-address", "127.0.0.1",
                "anxin.gateway.node-id", "system-test-gw",
                "anxin.gateway.presence.offline-grace", "2s"));
        mqttPort = gateway.getBean(MqttServer.class).port();
        watchPort = gateway.getBean(WatchServer.class).port();
        if (alertInThisJvm) {
            start(AlertServiceApplication.class, alertProperties);
        }
        ConfigurableApplicationContext monitoring = start(MonitoringApplication.class,
                Map.of("anxin.monitoring.admin-password", ADMIN_PASSWORD));
        monitoringPort = Integer.parseInt(monitoring.getEnvironment().getProperty("local.server.port"));
    }

    private ConfigurableApplicationContext start(Class<?> application, Map<String, Object> properties) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .run(arguments(properties));
        contexts.add(context);
        return context;
    }

    /** Command-line arguments for one service: free ports, this database, then the given properties. */
    String[] arguments(Map<String, Object> properties) {
        Map<String, Object> all = new java.util.HashMap<>(everywhere);
        all.putAll(properties);
        all.put("server.port", 0);
        all.put("server.address", "127.0.0.1");
        all.put("spring.datasource.url", databaseUrl);
        all.put("spring.datasource.username", "postgres");
        all.put("spring.datasource.password", "postgres");
        all.putIfAbsent("spring.datasource.hikari.maximum-pool-size", 6);
        // As the demo: the test's receivers are plain http on 127.0.0.1 (development flag and
        // allow-list), and both services share the key that encrypts webhook secrets.
        all.put("anxin.webhook.allow-http", true);
        all.put("anxin.webhook.allowed-targets", "127.0.0.1");
        all.put("anxin.webhook.secret-key", "c3lzdGVtLXRlc3Qta2V5LTAxMjM0NTY3ODlhYmNkZWY=");
        // As command-line arguments: they outrank the store's built-in database defaults.
        return all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    String mqttUri() {
        return "tcp://127.0.0.1:" + mqttPort;
    }

    String monitoringUrl() {
        return "http://127.0.0.1:" + monitoringPort;
    }

    @Override
    public void close() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            contexts.get(i).close();
        }
    }
}
