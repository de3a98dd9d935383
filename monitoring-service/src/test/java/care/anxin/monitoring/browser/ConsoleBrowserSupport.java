package care.anxin.monitoring.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import care.anxin.store.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What every console browser test stands on: a monitoring service on a random port with a database
 * of its own (one per Spring context, so the fixtures never meet another test's), the console
 * fixtures, and Debian's headless Chromium — or a skip saying it is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConsoleBrowserSupport {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        String url = TestDatabase.newDatabaseUrl();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected ConsoleFixtures fixtures;

    @BeforeAll
    void insertConsoleFixtures() {
        fixtures = ConsoleFixtures.insert(jdbc);
    }

    @BeforeEach
    void needsChromium() {
        assumeTrue(HeadlessChrome.available(), "Debian chromium and chromium-driver are not installed");
    }

    protected HeadlessChrome browser() {
        return new HeadlessChrome("http://127.0.0.1:" + port);
    }
}
