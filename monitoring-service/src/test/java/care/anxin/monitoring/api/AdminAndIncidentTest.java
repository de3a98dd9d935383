package care.anxin.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.domain.wire.DeviceSecretHash;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Provisioning (device secrets shown once), incident actions, performance figures, audit rows. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminAndIncidentTest extends ApiTestBase {

    TestTree t;

    @BeforeAll
    void buildTree() {
        t = tree();
    }

    @Test
    void deviceRegistrationReturnsTheSecretOnceAndStoresAKeyedHash() {
        String id = "hs-" + t.tag;
        ApiClient adminA = t.as("adminA");
        ApiClient.Response r = adminA.post("/api/v1/admin/devices", Map.of("id", id, "kind", "HANDSET",
                "organizationId", t.centerA, "elderId", t.elderA, "model", "AX-1"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        String secret = r.json().get("secret").asText();
        String hash = jdbc.queryForObject("SELECT secret_hash FROM device WHERE id = ?", String.class, id);
        assertThat(hash).startsWith(DeviceSecretHash.PREFIX);
        assertThat(DeviceSecretHash.matches(secret.getBytes(StandardCharsets.UTF_8), hash)).isTrue();

        JsonNode listed = adminA.get("/api/v1/admin/devices").json();
        assertThat(listed.toString()).contains(id).doesNotContain(secret).doesNotContain(hash);

        ApiClient.Response rotated = adminA.post("/api/v1/admin/devices/" + id + "/rotate-secret", null);
        String newSecret = rotated.json().get("secret").asText();
        String newHash = jdbc.queryForObject("SELECT secret_hash FROM device WHERE id = ?", String.class, id);
        assertThat(newSecret).isNotEqualTo(secret);
        assertThat(DeviceSecretHash.matches(newSecret.getBytes(StandardCharsets.UTF_8), newHash)).isTrue();
        assertThat(DeviceSecretHash.matches(secret.getBytes(StandardCharsets.UTF_8), newHash)).isFalse();

        assertThat(adminA.post("/api/v1/admin/devices/" + id + "/bind", Map.of("elderId", t.elderA2)).status())
                .isEqualTo(200);
        assertThat(adminA.post("/api/v1/admin/devices/" + id + "/bind", Map.of("elderId", t.elderB)).status())
                .as("elder of another center").isEqualTo(404);
        assertThat(adminA.post("/api/v1/admin/devices", Map.of("id", id, "kind", "HANDSET",
                "organizationId", t.centerA)).status()).as("duplicate id").isEqualTo(409);

        assertThat(adminA.post("/api/v1/admin/devices/" + id + "/disable", null).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT enabled FROM device WHERE id = ?", Boolean.class, id)).isFalse();
        assertThat(adminA.post("/api/v1/admin/devices/" + id + "/disable", null).status())
                .as("disabling twice changes nothing").isEqualTo(200);
        assertThat(adminA.post("/api/v1/admin/devices/" + id + "/enable", null).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT enabled FROM device WHERE id = ?", Boolean.class, id)).isTrue();
        assertThat(adminA.post("/api/v1/admin/devices/no-such-device/disable", null).status()).isEqualTo(404);

        List<String> actions = jdbc.queryForList(
                "SELECT action FROM audit_log WHERE target_type = 'device' AND target_id = ? ORDER BY id", String.class, id);
        assertThat(actions).containsExactly("DEVICE_REGISTER", "DEVICE_ROTATE_SECRET", "DEVICE_BIND", "DEVICE_DISABLE",
                "DEVICE_ENABLE");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE detail::text LIKE ?", Long.class,
                "%" + secret + "%")).isZero();
    }

    @Test
    void aWatchIsRegisteredForTheWatchProtocolAndAHandsetForMqtt() {
        ApiClient adminA = t.as("adminA");
        String watch = "88" + Math.abs(t.tag.hashCode() % 100_000_000);
        ApiClient.Response registered = adminA.post("/api/v1/admin/devices", Map.of("id", watch, "kind", "WATCH",
                "organizationId", t.centerA));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json().get("secret").isNull()).as("a protocol watch is given no secret").isTrue();
        assertThat(adminA.post("/api/v1/admin/devices/" + watch + "/rotate-secret", null).status()).isEqualTo(409);
        assertThat(jdbc.queryForObject("SELECT kind || '/' || protocol FROM device WHERE id = ?", String.class, watch))
                .isEqualTo("WATCH/WATCH");
        assertThat(adminA.get("/api/v1/admin/devices").raw().body()).contains("\"protocol\":\"WATCH\"");
        String mqttWatch = "mw-" + t.tag;
        ApiClient.Response mqttRegistered = adminA.post("/api/v1/admin/devices", Map.of("id", mqttWatch, "kind", "WATCH",
                "protocol", "MQTT", "organizationId", t.centerA));
        assertThat(mqttRegistered.status()).isEqualTo(201);
        assertThat(mqttRegistered.json().get("secret").asText()).as("an MQTT watch logs in with its secret").hasSizeGreaterThan(16);
        assertThat(jdbc.queryForObject("SELECT protocol FROM device WHERE id = ?", String.class, mqttWatch))
                .isEqualTo("MQTT");
        assertThat(adminA.post("/api/v1/admin/devices", Map.of("id", "bad-" + t.tag, "kind", "WATCH",
                "protocol", "COAP", "organizationId", t.centerA)).status()).as("unknown protocol").isEqualTo(400);
    }

    @Test
    void incidentActionsAreScopedAuditedAndShownInTheTimeline() {
        long alert = t.insertAlert(t.elderA2, t.centerA, "FALL", Instant.now().minusSeconds(40));
        ApiClient careA = t.as("careA");
        ApiClient.Response ack = careA.post("/api/v1/alerts/" + alert + "/acknowledge", Map.of("note", "on my way"));
        assertThat(ack.status()).as(ack.raw().body()).isEqualTo(200);
        assertThat(ack.json().get("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(careA.post("/api/v1/alerts/" + alert + "/acknowledge", Map.of()).status())
                .as("already acknowledged").isEqualTo(409);
        assertThat(careA.post("/api/v1/alerts/" + alert + "/assign", Map.of("userId", t.careAId)).json()
                .get("assignee").get("id").asLong()).isEqualTo(t.careAId);
        ApiClient.Response resolved = careA.post("/api/v1/alerts/" + alert + "/resolve",
                Map.of("outcome", "HELP_PROVIDED", "note", "helped up, no injury"));
        assertThat(resolved.json().get("status").asText()).isEqualTo("RESOLVED");

        JsonNode detail = careA.get("/api/v1/alerts/" + alert).json();
        assertThat(detail.get("timeline")).extracting(e -> e.get("action").asText())
                .contains("ACKNOWLEDGED", "ASSIGNED", "RESOLVED");
        assertThat(detail.get("elder").get("contacts").get(0).get("relation").asText()).isEqualTo("儿子");

        List<String> audited = jdbc.queryForList(
                "SELECT action FROM audit_log WHERE target_type = 'alert' AND target_id = ? ORDER BY id",
                String.class, Long.toString(alert));
        assertThat(audited).containsExactly("ALERT_ACKNOWLEDGE", "ALERT_ASSIGN", "ALERT_RESOLVE");
        assertThat(jdbc.queryForObject("SELECT username FROM audit_log WHERE target_id = ? AND action = 'ALERT_RESOLVE'",
                String.class, Long.toString(alert))).isEqualTo(t.username("careA"));
    }

    @Test
    void performanceCountsAcknowledgementTimesInScope() {
        TestTree t = tree(); // its own centers: other tests here add incidents
        long fast = t.insertAlert(t.elderA, t.centerA, "FALL", Instant.now().minusSeconds(600));
        jdbc.update("UPDATE alert SET status = 'RESOLVED', acknowledged_at = opened_at + INTERVAL '20 seconds' WHERE id = ?", fast);
        long slow = t.insertAlert(t.elderA2, t.centerA, "SOS", Instant.now().minusSeconds(900));
        jdbc.update("UPDATE alert SET status = 'RESOLVED', acknowledged_at = opened_at + INTERVAL '120 seconds' WHERE id = ?", slow);
        jdbc.update("UPDATE alert SET status = 'RESOLVED', acknowledged_at = opened_at + INTERVAL '5 seconds' WHERE id = ?",
                t.alertB);

        JsonNode p = t.as("careA").get("/api/v1/performance?range=7d").json();
        assertThat(p.get("kinds").toString()).isEqualTo("[\"SOS\",\"FALL\"]");
        // alertA (open, 30 s old) is still in play and not counted; B is another center.
        assertThat(p.get("total").asLong()).isEqualTo(2);
        assertThat(p.get("within60Pct").asDouble()).isEqualTo(50.0);
        assertThat(p.get("within180Pct").asDouble()).isEqualTo(100.0);
        assertThat(p.get("target60Pct").asDouble()).isEqualTo(97.5);
        assertThat(p.get("medianAckSeconds").asDouble()).isEqualTo(70.0);
        assertThat(p.get("worstAckSeconds").asDouble()).isEqualTo(120.0);
        assertThat(p.get("missed")).extracting(m -> m.get("id").asLong()).containsExactly(slow);
        assertThat(t.as("careA").get("/api/v1/performance?range=year").status()).isEqualTo(400);
    }

    @Test
    void eldersListShowsDeviceStatusAndSearches() {
        jdbc.update("""
                INSERT INTO device (id, kind, organization_id, elder_id, secret_hash, online, battery_pct, last_seen_at)
                VALUES (?, 'WRISTBAND', ?, ?, 'x', TRUE, 42, now())""", "wb-" + t.tag, t.centerA, t.elderA);
        JsonNode list = t.as("careA").get("/api/v1/elders?q=" + java.net.URLEncoder.encode("王秀", java.nio.charset.StandardCharsets.UTF_8)).json();
        assertThat(list).hasSize(1);
        JsonNode elder = list.get(0);
        assertThat(elder.get("id").asLong()).isEqualTo(t.elderA);
        assertThat(elder.get("online").asBoolean()).isTrue();
        assertThat(elder.get("battery").asInt()).isEqualTo(42);
        assertThat(elder.get("openAlerts").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(elder.get("devices").get(0).get("id").asText()).isEqualTo("wb-" + t.tag);

        JsonNode detail = t.as("careA").get("/api/v1/elders/" + t.elderA).json();
        assertThat(detail.get("carePlan").get("thresholds").get("HR")).as("age defaults filled in").isNotNull();
        assertThat(detail.get("home").get("radiusM").asDouble()).isEqualTo(300);
        assertThat(detail.get("doctors").get(0).get("id").asLong()).isEqualTo(t.doctorId);
    }
}
