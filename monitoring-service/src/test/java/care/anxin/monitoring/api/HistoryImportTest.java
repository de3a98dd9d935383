package care.anxin.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** PUT/GET /api/v1/admin/history-imports: past incidents once per database, scoped, validated. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryImportTest extends ApiTestBase {

    TestTree t;
    long desk;

    @BeforeAll
    void buildTree() {
        t = tree();
        ApiClient.Response endpoint = admin().post("/api/v1/admin/endpoints", Map.of("organizationId", t.centerA,
                "channel", "WEBHOOK", "name", "值班台", "url", "https://93.184.216.34/webhook")); // never contacted here
        assertThat(endpoint.status()).as(endpoint.raw().body()).isEqualTo(201);
        desk = endpoint.json().get("id").asLong();
    }

    private Map<String, Object> sos(long elderId, String staff, Instant opened, int ackSeconds) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("elderId", elderId);
        b.put("kind", "SOS");
        b.put("severity", "CRITICAL");
        b.put("title", "紧急呼叫 · 王秀英");
        b.put("openedAt", opened.toString());
        b.put("acknowledgedAt", opened.plusSeconds(ackSeconds).toString());
        b.put("acknowledgedBy", staff);
        b.put("resolvedAt", opened.plusSeconds(ackSeconds + 600).toString());
        b.put("resolvedBy", staff);
        b.put("outcome", "HELP_PROVIDED");
        b.put("notifications", List.of(Map.of("endpointId", desk, "firstAttemptAt", opened.plusSeconds(1).toString(),
                "attempts", 5, "delivered", false, "error", "HTTP 503")));
        return b;
    }

    @Test
    void importsOnceAndTheIncidentsShowOnTheConsolePages() {
        String key = "demo-history." + t.username("a");
        Instant opened = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        ApiClient admin = admin();
        assertThat(admin.get("/api/v1/admin/history-imports/" + key).status()).isEqualTo(404);
        Map<String, Object> body = Map.of("organizationId", t.centerA,
                "incidents", List.of(sos(t.elderA, t.username("careA"), opened, 30), sos(t.elderA2, t.username("careA"), opened.plusSeconds(3600), 150)));

        ApiClient.Response first = admin.put("/api/v1/admin/history-imports/" + key, body);
        assertThat(first.status()).as(first.raw().body()).isEqualTo(201);
        assertThat(first.json().get("incidents").asInt()).isEqualTo(2);
        assertThat(first.json().get("completedAt").isNull()).isTrue();
        ApiClient.Response again = admin.put("/api/v1/admin/history-imports/" + key, body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert WHERE detail->>'importKey' = ?", Integer.class, key)).isEqualTo(2);

        // The incident page: its timeline as the live services would have left it.
        long id = jdbc.queryForObject("SELECT id FROM alert WHERE detail->>'importKey' = ? AND elder_id = ?", Long.class, key, t.elderA2);
        ApiClient.Response incident = t.as("careA").get("/api/v1/alerts/" + id);
        assertThat(incident.json().get("status").asText()).isEqualTo("RESOLVED");
        assertThat(incident.json().get("timeline").findValuesAsText("action"))
                .containsExactly("OPENED", "NOTIFICATION_DEAD", "ACKNOWLEDGED", "RESOLVED");
        // Response performance of the week: one within 60 s, one not.
        ApiClient.Response performance = t.as("careA").get("/api/v1/performance?range=7d");
        assertThat(performance.json().get("acknowledged").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(performance.json().get("missed").findValuesAsText("id")).as("missed the 60 s target").contains(String.valueOf(id));

        ApiClient.Response done = admin.post("/api/v1/admin/history-imports/" + key + "/complete", null);
        assertThat(done.status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/admin/history-imports/" + key).json().get("completedAt").isNull()).isFalse();
        // Audit trail of the admin action.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'HISTORY_IMPORT' AND target_id = ?", Integer.class, key))
                .isEqualTo(1);
    }

    @Test
    void foreignEldersBadTimesAndOtherAdminsAreRefusedWithoutWritingAnything() {
        String key = "bad." + t.username("b");
        Instant opened = Instant.now().minus(1, ChronoUnit.DAYS);
        ApiClient.Response foreign = admin().put("/api/v1/admin/history-imports/" + key, Map.of("organizationId", t.centerA,
                "incidents", List.of(sos(t.elderB, t.username("careA"), opened, 20))));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.header("Content-Type")).contains("application/problem+json");
        assertThat(foreign.raw().body()).contains("not in the imported organization");

        Map<String, Object> backwards = sos(t.elderA, t.username("careA"), opened, 20);
        backwards.put("resolvedAt", opened.minusSeconds(5).toString());
        assertThat(admin().put("/api/v1/admin/history-imports/" + key, Map.of("organizationId", t.centerA,
                "incidents", List.of(backwards))).status()).isEqualTo(400);
        assertThat(admin().put("/api/v1/admin/history-imports/" + key, Map.of("organizationId", t.centerA,
                "incidents", List.of(sos(t.elderA, "nobody-" + key, opened, 20)))).status()).isEqualTo(400);
        assertThat(admin().put("/api/v1/admin/history-imports/bad%20key", Map.of("organizationId", t.centerA,
                "incidents", List.of())).status()).isEqualTo(400);
        assertThat(admin().get("/api/v1/admin/history-imports/" + key).status()).isEqualTo(404);

        // An admin of centerA cannot import into centerB, nor see its markers; care staff not at all.
        assertThat(t.as("adminA").put("/api/v1/admin/history-imports/" + key, Map.of("organizationId", t.centerB,
                "incidents", List.of())).status()).isEqualTo(404);
        assertThat(t.as("careA").get("/api/v1/admin/history-imports/" + key).status()).isEqualTo(403);
    }
}
