package care.anxin.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Who may close an emergency: care roles acknowledge and resolve SOS/FALL; doctors and partners add notes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmergencyRolesTest extends ApiTestBase {

    TestTree t;

    @BeforeAll
    void buildTree() {
        t = tree();
    }

    @Test
    void doctorsMayNoteButNotAcknowledgeOrResolveAnSosOrFall() {
        long fall = t.insertAlert(t.elderA, t.centerA, "FALL", Instant.now());
        ApiClient doctor = t.as("doctor");
        for (long id : new long[] {t.alertA, fall}) {
            ApiClient.Response ack = doctor.post("/api/v1/alerts/" + id + "/acknowledge", Map.of());
            assertThat(ack.status()).isEqualTo(403);
            assertThat(ack.header("Content-Type")).contains("application/problem+json");
            assertThat(ack.json().get("detail").asText()).contains("care staff");
            assertThat(doctor.post("/api/v1/alerts/" + id + "/resolve", Map.of("outcome", "FALSE_ALARM")).status())
                    .isEqualTo(403);
            assertThat(doctor.post("/api/v1/alerts/" + id + "/notes", Map.of("text", "已电话随访")).status())
                    .isEqualTo(200);
        }
        assertThat(jdbc.queryForObject("SELECT status FROM alert WHERE id = ?", String.class, t.alertA)).isEqualTo("OPEN");

        // Not an emergency: the doctor may take it.
        long vitals = t.insertAlert(t.elderA, t.centerA, "VITAL_HR", Instant.now());
        assertThat(doctor.post("/api/v1/alerts/" + vitals + "/acknowledge", Map.of()).status()).isEqualTo(200);
        // Care staff may close the emergency.
        assertThat(t.as("careA").post("/api/v1/alerts/" + fall + "/acknowledge", Map.of()).status()).isEqualTo(200);
        assertThat(t.as("careA").post("/api/v1/alerts/" + fall + "/resolve", Map.of("outcome", "HELP_PROVIDED")).status())
                .isEqualTo(200);
    }

    @Test
    void partnerKeysMayNoteButNotAcknowledgeAnSos() {
        ApiClient.Response created = admin().post("/api/v1/admin/api-keys",
                Map.of("name", "hospital-" + t.tag, "role", "PARTNER", "organizationId", t.district));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        ApiClient partner = ApiClient.bearer(port, created.json().get("key").asText());
        long sos = t.alertB;
        assertThat(partner.post("/api/v1/alerts/" + sos + "/acknowledge", Map.of()).status()).isEqualTo(403);
        assertThat(partner.post("/api/v1/alerts/" + sos + "/notes", Map.of("text", "partner note")).status())
                .isEqualTo(200);
    }
}
