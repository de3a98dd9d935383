package care.anxin.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Measurement, not a test (the name keeps it out of the default run): one elder with per-minute
 * HR, SpO2, respiration and temperature for 30 days plus hourly blood pressure; prints the time to
 * produce the November report (median and worst of 5) and the size of the 30-day $everything bundle.
 * Run: mvn -pl monitoring-service test -Dtest=DoctorReportMeasurement -Dsurefire.failIfNoSpecifiedTests=false
 */
class DoctorReportMeasurement extends ApiTestBase {

    @Test
    void reportAndEverythingWithPerMinuteData() throws Exception {
        TestTree t = tree();
        long rows = jdbc.update("""
                INSERT INTO observation (time, elder_id, device_id, code, value)
                SELECT ts, ?, 'dev-minute', c.code, c.base + c.swing * sin(extract(epoch FROM ts) / 3600.0)
                FROM generate_series(timestamptz '2026-11-01 00:00+08', timestamptz '2026-11-30 23:59+08', interval '1 minute') ts
                CROSS JOIN (VALUES ('HR', 72.0, 8.0), ('SPO2', 96.0, 1.5), ('RR', 16.0, 2.0), ('TEMP', 36.6, 0.3)) AS c(code, base, swing)
                """, t.elderA);
        rows += jdbc.update("""
                INSERT INTO observation (time, elder_id, device_id, code, value)
                SELECT ts, ?, 'dev-minute', c.code, c.v FROM generate_series(timestamptz '2026-11-01 00:00+08',
                    timestamptz '2026-11-30 23:00+08', interval '1 hour') ts
                CROSS JOIN (VALUES ('SBP', 138.0), ('DBP', 84.0)) AS c(code, v)
                """, t.elderA);
        jdbc.execute("ANALYZE observation");
        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString((t.username("doctor") + ":" + TestTree.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        List<Long> millis = new ArrayList<>();
        int pdfBytes = 0;
        for (int i = 0; i < 6; i++) {
            long started = System.nanoTime();
            HttpResponse<byte[]> pdf = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/elders/" + t.elderA + "/report.pdf?month=2026-11")).header("Authorization", auth).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            long took = (System.nanoTime() - started) / 1_000_000;
            assertThat(pdf.statusCode()).isEqualTo(200);
            pdfBytes = pdf.body().length;
            if (i > 0) {
                millis.add(took); // the first one loads the font
            }
        }
        Collections.sort(millis);
        long started = System.nanoTime();
        HttpResponse<String> everything = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/fhir/r4/Patient/" + t.elderA + "/$everything?start=2026-11-01&end=2026-11-30"))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
        long everythingMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(everything.statusCode()).isEqualTo(200);
        int entries = everything.body().split("\"fullUrl\"", -1).length - 1;
        System.out.printf("MEASURE rows=%d report.pdf bytes=%d median=%d ms worst=%d ms (n=%d); "
                        + "$everything 30 d: %d entries, %.1f MB JSON, %d ms, next link %s%n",
                rows, pdfBytes, millis.get(millis.size() / 2), millis.get(millis.size() - 1), millis.size(), entries,
                everything.body().length() / 1e6, everythingMs, everything.body().contains("\"relation\":\"next\""));
    }
}
