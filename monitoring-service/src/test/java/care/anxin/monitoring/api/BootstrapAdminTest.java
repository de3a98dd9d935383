package care.anxin.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.monitoring.MonitoringApplication;
import care.anxin.store.test.TestDatabase;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * No default password: on an empty database without ANXIN_ADMIN_PASSWORD the bootstrap admin gets a
 * random temporary password, printed once, that opens nothing but the password change.
 */
@ExtendWith(OutputCaptureExtension.class)
class BootstrapAdminTest {

    private static final Pattern PRINTED = Pattern.compile("user admin\\s+password (\\S+)");

    @Test
    void theBootstrapPasswordIsRandomPrintedOnceAndTemporary(CapturedOutput output) {
        String database = TestDatabase.newDatabaseUrl();
        String first = start(output, database, 1, true);
        start(output, database, 1, false);
        String other = start(output, TestDatabase.newDatabaseUrl(), 2, true);
        assertThat(first).isNotEqualTo(other).hasSizeGreaterThanOrEqualTo(16).isNotEqualTo("anxin-admin");
    }

    /** Starts a service; returns the last printed password after checking how many were printed so far. */
    private String start(CapturedOutput output, String databaseUrl, int printedSoFar, boolean fresh) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MonitoringApplication.class).run(
                "--server.port=0", "--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres", "--anxin.monitoring.admin-password=",
                "--anxin.store.maintenance.enabled=false", "--spring.main.banner-mode=off")) {
            Matcher printed = PRINTED.matcher(output.getOut());
            String password = null;
            int count = 0;
            while (printed.find()) {
                password = printed.group(1);
                count++;
            }
            assertThat(count).as("printed once per empty database, never on a restart").isEqualTo(printedSoFar);
            if (!fresh) {
                return password;
            }
            int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT must_change_password FROM app_user WHERE username = 'admin'",
                    Boolean.class)).isTrue();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE detail::text LIKE ?", Long.class,
                    "%" + password + "%")).isZero();

            assertThat(ApiClient.session(port).login("admin", "anxin-admin").status()).as("no default").isEqualTo(401);
            ApiClient admin = ApiClient.session(port);
            assertThat(admin.login("admin", password).status()).isEqualTo(200);
            assertThat(admin.get("/api/v1/me").json().get("mustChangePassword").asBoolean()).isTrue();
            assertThat(admin.get("/api/v1/admin/users").status()).isEqualTo(403);
            assertThat(admin.post("/api/v1/me/password", Map.of("currentPassword", password,
                    "newPassword", "operator-chosen-9")).status()).isEqualTo(204);
            assertThat(admin.get("/api/v1/admin/users").status()).isEqualTo(200);
            return password;
        }
    }
}
