package care.anxin.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Trends from the hourly rollup plus the raw rows received after the rollup's mark (plain mode). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrendsTest extends ApiTestBase {

    TestTree t;
    Instant rolledHour;

    @BeforeAll
    void data() {
        t = tree();
        Instant now = Instant.now();
        Instant mark = now.minus(Duration.ofHours(1));
        rolledHour = now.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        // Raw rows the rollup job already folded in (received before the mark) ...
        for (int minute = 0; minute < 3; minute++) {
            observation(rolledHour.plusSeconds(60L * minute), 70 + 10 * minute, mark.minusSeconds(3600));
        }
        // ... and their rollup row, as the store's job (or TimescaleDB) wrote it.
        jdbc.update("""
                INSERT INTO observation_hourly (bucket, elder_id, code, n, min_value, max_value, avg_value)
                VALUES (?, ?, 'HR', 3, 70, 90, 80)""", Timestamp.from(rolledHour), t.elderA);
        jdbc.update("INSERT INTO rollup_state (name, refreshed_to) VALUES ('observation', ?) "
                + "ON CONFLICT (name) DO UPDATE SET refreshed_to = EXCLUDED.refreshed_to", Timestamp.from(mark));
        // A reading received after the mark: only in the raw table so far.
        observation(now.minus(Duration.ofMinutes(10)), 101, now);
        jdbc.update("INSERT INTO observation (time, elder_id, device_id, code, value) VALUES (?, ?, 'dev', 'SPO2', 96)",
                Timestamp.from(now.minus(Duration.ofMinutes(5))), t.elderA);
    }

    @Test
    void sevenDaysCombineRollupAndRecentRawRows() {
        ApiClient.Response r = t.as("doctor").get("/api/v1/elders/" + t.elderA + "/trends?range=7d&codes=HR,SPO2");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        JsonNode view = r.json();
        assertThat(view.get("range").asText()).isEqualTo("7d");
        assertThat(view.get("bucketSeconds").asLong()).isEqualTo(3600);
        JsonNode hr = view.get("series").get(0);
        assertThat(hr.get("code").asText()).isEqualTo("HR");
        assertThat(hr.get("unit").asText()).isEqualTo("/min");
        assertThat(hr.get("points")).hasSize(2);
        JsonNode rolled = hr.get("points").get(0);
        assertThat(Instant.parse(rolled.get("t").asText())).isEqualTo(rolledHour);
        assertThat(rolled.get("n").asLong()).as("rolled-up rows are not counted twice").isEqualTo(3);
        assertThat(rolled.get("min").asDouble()).isEqualTo(70);
        assertThat(rolled.get("avg").asDouble()).isEqualTo(80);
        assertThat(rolled.get("max").asDouble()).isEqualTo(90);
        assertThat(hr.get("points").get(1).get("max").asDouble()).isEqualTo(101);
        assertThat(view.get("series").get(1).get("points").get(0).get("avg").asDouble()).isEqualTo(96);
        assertThat(view.get("thresholds").get("HR").get("high")).as("age defaults").isNotNull();
        assertThat(view.get("incidents")).extracting(i -> i.get("id").asLong()).contains(t.alertA);
    }

    @Test
    void ninetyDaysRebinTheRollupIntoSixHourBuckets() {
        JsonNode view = t.as("careA").get("/api/v1/elders/" + t.elderA + "/trends?range=90d&codes=HR").json();
        assertThat(view.get("bucketSeconds").asLong()).isEqualTo(6 * 3600);
        JsonNode points = view.get("series").get(0).get("points");
        assertThat(points).hasSize(2);
        assertThat(points.get(0).get("n").asLong()).isEqualTo(3);
    }

    @Test
    void lastDayComesFromRawRowsInQuarterHours() {
        JsonNode view = t.as("careA").get("/api/v1/elders/" + t.elderA + "/trends?range=24h").json();
        assertThat(view.get("bucketSeconds").asLong()).isEqualTo(900);
        assertThat(view.get("series")).hasSize(6);
        assertThat(view.get("series").get(0).get("points")).hasSize(1);
    }

    @Test
    void csvExportHasOneRowPerPoint() {
        ApiClient.Response r = t.as("careA").download("/api/v1/elders/" + t.elderA + "/trends.csv?range=7d&codes=HR");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/csv");
        String[] lines = r.raw().body().split("\n");
        assertThat(lines[0]).isEqualTo("elder_id,code,unit,bucket_start,min,avg,max,n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).contains(",HR,/min," + rolledHour + ",70.00,80.00,90.00,3");
    }

    @Test
    void unknownCodeOrRangeIsAProblem() {
        ApiClient.Response r = t.as("careA").get("/api/v1/elders/" + t.elderA + "/trends?range=7d&codes=HR,XYZ");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).contains("application/problem+json");
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("codes");
        assertThat(t.as("careA").get("/api/v1/elders/" + t.elderA + "/trends?range=1y").status()).isEqualTo(400);
    }

    private void observation(Instant time, double value, Instant receivedAt) {
        jdbc.update("INSERT INTO observation (time, elder_id, device_id, code, value, received_at) VALUES (?, ?, 'dev', 'HR', ?, ?)",
                Timestamp.from(time), t.elderA, value, Timestamp.from(receivedAt));
    }
}
