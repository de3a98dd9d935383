package care.anxin.alert;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.alert.support.AlertServiceRunner;
import care.anxin.alert.support.Fixtures;
import care.anxin.alert.support.TestClock;
import care.anxin.alert.support.WebhookReceiver;
import care.anxin.store.test.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Per-organization acknowledgement-time report over HTTP (targets: 97.5 % within 60 s, 99 % within 180 s). */
class ResponseTimeTest {

    @Test
    void reportsAckWithin60And180SecondsBelowAnOrganization() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
        try (WebhookReceiver receiver = new WebhookReceiver();
             ConfigurableApplicationContext service = AlertServiceRunner.start(TestDatabase.newDatabaseUrl(), clock,
                     Map.of("anxin.alert.workers-enabled", false, "anxin.alert.api.token", "s3cret-token"))) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            Fixtures world = new Fixtures(jdbc, clock, receiver);
            Fixtures.Elder elder = world.elder("曹玉梅");
            // Four closed SOS/FALL incidents: acked after 30 s, 90 s, 200 s and never; plus a VITAL one (not counted).
            Integer[] ackSeconds = {30, 90, 200, null};
            for (int i = 0; i < ackSeconds.length; i++) {
                Instant opened = clock.instant().minusSeconds(3600 - i * 600L);
                jdbc.update("""
                        INSERT INTO alert (elder_id, organization_id, kind, severity, status, title, first_event_at, last_event_at,
                                           opened_at, acknowledged_at, resolved_at)
                        VALUES (?, ?, ?, 'CRITICAL', 'RESOLVED', 't', ?, ?, ?, ?, ?)""",
                        elder.id(), world.center, i % 2 == 0 ? "SOS" : "FALL", Timestamp.from(opened), Timestamp.from(opened),
                        Timestamp.from(opened), ackSeconds[i] == null ? null : Timestamp.from(opened.plusSeconds(ackSeconds[i])),
                        Timestamp.from(opened.plusSeconds(900)));
            }
            jdbc.update("""
                    INSERT INTO alert (elder_id, organization_id, kind, severity, status, title, first_event_at, last_event_at, opened_at)
                    VALUES (?, ?, 'VITAL_HR', 'HIGH', 'OPEN', 't', ?, ?, ?)""",
                    elder.id(), world.center, Timestamp.from(clock.instant()), Timestamp.from(clock.instant()), Timestamp.from(clock.instant().minusSeconds(60)));

            int port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
            URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/response-times?organizationId=" + world.district);
            HttpClient http = HttpClient.newHttpClient();
            // the alert service's own API is not open to anyone who can reach the port
            assertThat(http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            assertThat(http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer wrong").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/env")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer s3cret-token").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode stats = new ObjectMapper().readTree(response.body());
            assertThat(stats.path("total").asLong()).isEqualTo(4);
            assertThat(stats.path("acknowledged").asLong()).isEqualTo(3);
            assertThat(stats.path("within60").asLong()).isEqualTo(1);
            assertThat(stats.path("within180").asLong()).isEqualTo(2);
            assertThat(stats.path("within60Pct").asDouble()).isEqualTo(25.0);
            assertThat(stats.path("medianAckSeconds").asDouble()).isEqualTo(90.0);
            assertThat(stats.path("worstAckSeconds").asDouble()).isEqualTo(200.0);
        }
    }
}
