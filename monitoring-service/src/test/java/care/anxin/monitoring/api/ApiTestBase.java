package care.anxin.monitoring.api;

import care.anxin.monitoring.MonitoringApplication;
import care.anxin.store.test.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One running monitoring service on a real embedded PostgreSQL, shared by all API test classes
 * (same context, same database): each test builds its own organizations with unique codes.
 */
@SpringBootTest(classes = MonitoringApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"anxin.monitoring.login.base-lock=10s", "anxin.monitoring.stream.heartbeat=1s",
                // Every test client comes from 127.0.0.1: the per-address limit is tested in the store.
                "anxin.monitoring.login.address-free-failures=100000",
                "anxin.monitoring.admin-password=" + ApiTestBase.ADMIN_PASSWORD,
                "anxin.webhook.secret-key=YW54aW4tdGVzdC1rZXktMDEyMzQ1Njc4OWFiY2RlZiE=",
                "logging.level.care.anxin=INFO",
                // Tests write rollups themselves; the store's job would move the mark under them.
                "anxin.store.maintenance.enabled=false",
                "management.prometheus.metrics.export.enabled=true"})
abstract class ApiTestBase {

    static final String ADMIN_PASSWORD = "api-test-admin-pw";
    private static final String DATABASE_URL = TestDatabase.newDatabaseUrl();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE_URL);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    ApiClient admin() {
        return ApiClient.basic(port, "admin", ADMIN_PASSWORD);
    }

    TestTree tree() {
        return TestTree.build(admin(), jdbc, port);
    }
}
