package care.anxin.gateway;

import care.anxin.gateway.mqtt.MqttServer;
import care.anxin.store.test.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway as a real Spring Boot app on a free MQTT port and a fresh embedded PostgreSQL
 * database (migrated by the app at startup). Test classes extending this share one context.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "anxin.gateway.port=0",
                "anxin.gateway.watch.port=0",
                "anxin.gateway.bind-address=127.0.0.1",
                "anxin.gateway.node-id=test-gw",
                "anxin.gateway.presence.offline-grace=1s",
                "anxin.gateway.auth.failure-delay=50ms",
                "anxin.gateway.auth.prefix-failure-burst=100000",
                "anxin.gateway.auth.device-failure-burst=1000",
                "anxin.gateway.downlink.poll-interval=2s",
                "anxin.gateway.ingest.activity-flush=300ms"
        })
public abstract class GatewayTestBase {

    private static String databaseUrl;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        useDatabase(registry, sharedDatabase());
    }

    /** Points the gateway under test at an embedded test database (also for classes with their own context). */
    public static void useDatabase(DynamicPropertyRegistry registry, String url) {
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    private static synchronized String sharedDatabase() {
        if (databaseUrl == null) {
            databaseUrl = TestDatabase.newDatabaseUrl();
        }
        return databaseUrl;
    }

    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected MqttServer server;
    protected Fleet fleet;

    @BeforeEach
    void fleet() {
        fleet = new Fleet(jdbc);
    }

    protected String uri() {
        return "tcp://127.0.0.1:" + server.port();
    }
}
