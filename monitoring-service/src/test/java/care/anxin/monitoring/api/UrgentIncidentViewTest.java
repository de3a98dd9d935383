package care.anxin.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the console shows of the urgent path (issue 9): "device clock wrong" on the incident, the
 * replies to the elder's handset with their delivery state, and the parked events admins must see.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UrgentIncidentViewTest extends ApiTestBase {

    TestTree t;

    @BeforeAll
    void buildTree() {
        t = tree();
    }

    @Test
    void clockWrongFlagAndHandsetRepliesWithDeliveryStateAreShown() {
        long alert = t.insertAlert(t.elderA2, t.centerA, "SOS", Instant.now().minusSeconds(20));
        jdbc.update("UPDATE alert SET device_clock_wrong = TRUE WHERE id = ?", alert);
        String device = "HS-view-" + t.tag;
        jdbc.update("INSERT INTO device (id, kind, organization_id, elder_id, secret_hash) VALUES (?, 'HANDSET', ?, ?, 'x')",
                device, t.centerA, t.elderA2);
        String received = "alert:" + alert + ":downlink:event:1";
        String confirmed = "alert:" + alert + ":downlink:ack:2";
        for (String[] reply : new String[][] {{received, "RECEIVED"}, {confirmed, "CONFIRMED"}}) {
            jdbc.update("INSERT INTO alert_action (alert_id, at, actor, action, detail) VALUES (?, now(), 'system', 'HANDSET_ACK', ?::jsonb)",
                    alert, "{\"stage\":\"" + reply[1] + "\",\"text\":\"t\",\"notificationKey\":\"" + reply[0] + "\"}");
        }
        // the first reply reached the handset (PUBACK); the second is still queued in the outbox
        jdbc.update("INSERT INTO device_command (device_id, kind, payload, alert_id, status, created_at) VALUES (?, 'ALERT_ACK', ?::jsonb, ?, 'DELIVERED', ?)",
                device, "{\"notificationKey\":\"" + received + "\"}", alert, Timestamp.from(Instant.now()));

        JsonNode detail = t.as("careA").get("/api/v1/alerts/" + alert).json();
        assertThat(detail.get("deviceClockWrong").asBoolean()).isTrue();
        List<String> deliveries = new ArrayList<>();
        detail.get("timeline").forEach(e -> {
            if (e.get("action").asText().equals("HANDSET_ACK")) {
                deliveries.add(e.get("detail").get("stage").asText() + "=" + e.get("detail").get("delivery").asText());
                assertThat(e.get("detail").has("notificationKey")).isFalse();
            }
        });
        assertThat(deliveries).containsExactly("RECEIVED=DELIVERED", "CONFIRMED=PENDING");
        JsonNode board = t.as("careA").get("/api/v1/alerts").json();
        assertThat(board.toString()).contains("\"deviceClockWrong\":true");
    }

    @Test
    void parkedEventsAreListedForAdminsWithinTheirScope() {
        jdbc.update("""
                INSERT INTO device_event (elder_id, device_id, kind, occurred_at, received_at, payload, processed_at, parked_at, attempts, last_error)
                VALUES (?, 'WB-a', 'VITAL_ABNORMAL', now(), now(), '{}', now(), now(), 5, 'broken reading A'),
                       (?, 'WB-b', 'LOW_BATTERY', now(), now(), '{}', now(), now(), 5, 'broken reading B')""",
                t.elderA, t.elderB);
        ApiClient.Response mine = t.as("adminA").get("/api/v1/admin/parked-events");
        assertThat(mine.status()).as(mine.raw().body()).isEqualTo(200);
        assertThat(mine.raw().body()).contains("broken reading A").doesNotContain("broken reading B");
        assertThat(t.as("careA").get("/api/v1/admin/parked-events").status()).isEqualTo(403);
    }
}
