package care.anxin.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Who sees what: enforced in every query; guessing another center's ids answers 404. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopingTest extends ApiTestBase {

    TestTree t;

    @BeforeAll
    void buildTree() {
        t = tree();
    }

    @Test
    void careStaffSeesOnlyTheirCenter() {
        ApiClient careA = t.as("careA");
        assertThat(ids(careA.get("/api/v1/alerts?status=all"))).contains(t.alertA).doesNotContain(t.alertB);
        assertThat(careA.get("/api/v1/alerts/" + t.alertA).status()).isEqualTo(200);
        assertThat(careA.get("/api/v1/alerts/" + t.alertB).status()).isEqualTo(404);
        assertThat(careA.get("/api/v1/alerts/99999999").status()).isEqualTo(404);
        assertThat(careA.get("/api/v1/elders/" + t.elderB).status()).isEqualTo(404);
        assertThat(careA.get("/api/v1/elders/" + t.elderB + "/trends?range=7d").status()).isEqualTo(404);
        assertThat(careA.get("/api/v1/elders/" + t.elderB + "/trends.csv?range=7d").status()).isEqualTo(404);
    }

    @Test
    void careStaffCannotActOnAnotherCentersIncident() {
        ApiClient careA = t.as("careA");
        ApiClient.Response ack = careA.post("/api/v1/alerts/" + t.alertB + "/acknowledge", Map.of());
        assertThat(ack.status()).isEqualTo(404);
        assertThat(ack.header("Content-Type")).contains("application/problem+json");
        assertThat(careA.post("/api/v1/alerts/" + t.alertB + "/notes", Map.of("text", "x")).status()).isEqualTo(404);
        assertThat(careA.post("/api/v1/alerts/" + t.alertB + "/resolve", Map.of("outcome", "FALSE_ALARM")).status())
                .isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT status FROM alert WHERE id = ?", String.class, t.alertB))
                .isEqualTo("OPEN");
    }

    @Test
    void districtStaffSeesBothCenters() {
        ApiClient district = t.as("district");
        assertThat(ids(district.get("/api/v1/alerts?status=all"))).contains(t.alertA, t.alertB);
        assertThat(district.get("/api/v1/elders/" + t.elderB).status()).isEqualTo(200);
        assertThat(ids(district.get("/api/v1/elders"))).contains(t.elderA, t.elderA2, t.elderB);
    }

    @Test
    void doctorSeesOnlyContractedElders() {
        ApiClient doctor = t.as("doctor");
        assertThat(ids(doctor.get("/api/v1/elders"))).containsExactly(t.elderA);
        assertThat(doctor.get("/api/v1/elders/" + t.elderA).status()).isEqualTo(200);
        assertThat(doctor.get("/api/v1/elders/" + t.elderA2).status()).isEqualTo(404);
        assertThat(doctor.get("/api/v1/elders/" + t.elderA + "/trends?range=24h").status()).isEqualTo(200);
        assertThat(doctor.get("/api/v1/elders/" + t.elderA2 + "/trends?range=24h").status()).isEqualTo(404);
        assertThat(ids(doctor.get("/api/v1/alerts?status=all"))).containsExactly(t.alertA);
    }

    @Test
    void centerAdminCannotProvisionOutsideTheirOrganization() {
        ApiClient adminA = t.as("adminA");
        ApiClient.Response device = adminA.post("/api/v1/admin/devices", Map.of("id", "dev-" + t.tag + "-b",
                "kind", "HANDSET", "organizationId", t.centerB));
        assertThat(device.status()).isEqualTo(404);
        ApiClient.Response user = adminA.post("/api/v1/admin/users", Map.of("organizationId", t.centerB,
                "username", "intruder_" + t.tag, "displayName", "x", "password", "long-enough-1", "role", "ADMIN"));
        assertThat(user.status()).isEqualTo(404);
        assertThat(adminA.get("/api/v1/admin/organizations").json()).extracting(n -> n.get("id").asLong())
                .containsExactly(t.centerA);
    }

    @Test
    void nonAdminsCannotUseAdminEndpoints() {
        ApiClient.Response r = t.as("district").get("/api/v1/admin/devices");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("Content-Type")).contains("application/problem+json");
    }

    @Test
    void meDescribesTheCaller() {
        JsonNode me = t.as("careA").get("/api/v1/me").json();
        assertThat(me.get("username").asText()).isEqualTo(t.username("careA"));
        assertThat(me.get("role").asText()).isEqualTo("CARE_STAFF");
        assertThat(me.get("organization").get("id").asLong()).isEqualTo(t.centerA);
        assertThat(me.get("organization").get("kind").asText()).isEqualTo("COMMUNITY_CENTER");
    }

    @Test
    void usersListIsScoped() {
        List<String> names = new ArrayList<>();
        t.as("careA").get("/api/v1/users").json().forEach(u -> names.add(u.get("username").asText()));
        assertThat(names).contains(t.username("careA"), t.username("adminA")).doesNotContain(t.username("careB"));
    }

    /** The ids of a JSON list answer. */
    static List<Long> ids(ApiClient.Response r) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        r.json().forEach(a -> ids.add(a.get("id").asLong()));
        return ids;
    }
}
