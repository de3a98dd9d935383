package care.anxin.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A care plan damaged in the database is listed for admins (the gateway meanwhile uses the age defaults). */
class UnreadableCarePlanTest extends ApiTestBase {

    @Test
    void adminsSeeEldersWhoseStoredCarePlanCannotBeRead() {
        TestTree t = tree();
        jdbc.update("UPDATE elder SET care_plan = '{\"thresholds\":{\"SPO2\":{\"low\":\"ninety\"}}}'::jsonb WHERE id = ?",
                t.elderA2);
        jdbc.update("UPDATE elder SET care_plan = '{\"thresholds\":{\"HR\":{\"high\":120}}}'::jsonb WHERE id = ?", t.elderA);

        ApiClient.Response r = t.as("adminA").get("/api/v1/admin/care-plans/unreadable");
        assertThat(r.status()).isEqualTo(200);
        List<JsonNode> rows = new ArrayList<>();
        r.json().forEach(rows::add);
        assertThat(rows).extracting(n -> n.get("elderId").asLong()).containsExactly(t.elderA2);
        assertThat(rows.get(0).get("reason").asText()).contains("SPO2");
        assertThat(rows.get(0).get("name").asText()).isEqualTo("李建国");

        // The elder's page still answers, with the age defaults.
        assertThat(t.as("careA").get("/api/v1/elders/" + t.elderA2).status()).isEqualTo(200);
        assertThat(t.as("careA").get("/api/v1/admin/care-plans/unreadable").status()).isEqualTo(403);
    }
}
