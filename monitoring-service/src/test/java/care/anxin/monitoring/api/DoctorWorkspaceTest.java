package care.anxin.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.fhir.FhirValidation;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The family doctors' workspace over real HTTP on the embedded PostgreSQL: health record, care
 * plan, follow-ups, worklist, the PDF report (read back with PDFBox) and the FHIR read API
 * (every resource through the HAPI R4 validator), each with its scoping and validation faults.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoctorWorkspaceTest extends ApiTestBase {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String MONTH = "2026-11";

    TestTree t;
    long otherDoctorId;
    LocalDate today;

    @BeforeAll
    void setUp() {
        t = tree();
        today = LocalDate.now(ZONE);
        ApiClient.Response other = admin().post("/api/v1/admin/users", Map.of("organizationId", t.partner,
                "username", t.username("doctor2"), "displayName", "赵医生 " + t.tag, "password", TestTree.PASSWORD,
                "role", "DOCTOR"));
        assertThat(other.status()).as(other.raw().body()).isEqualTo(201);
        otherDoctorId = other.json().get("id").asLong();
        // Hourly readings on 5-10 November (local time): HR cycles 60/70/80, BP 130/80 and 150/90.
        jdbc.update("""
                INSERT INTO observation (time, elder_id, device_id, code, value)
                SELECT ts, ?, 'dev-report', c.code,
                       CASE c.code WHEN 'HR' THEN 60 + 10 * (extract(hour FROM ts)::int % 3)
                                   WHEN 'SBP' THEN 130 + 20 * (extract(hour FROM ts)::int % 2)
                                   WHEN 'DBP' THEN 80 + 10 * (extract(hour FROM ts)::int % 2)
                                   WHEN 'SPO2' THEN 97 WHEN 'TEMP' THEN 36.6 ELSE 16 END
                FROM generate_series(timestamptz '2026-11-05 00:00+08', timestamptz '2026-11-10 23:00+08', interval '1 hour') ts
                CROSS JOIN (VALUES ('HR'), ('SBP'), ('DBP'), ('SPO2'), ('TEMP'), ('RR')) AS c(code)
                """, t.elderA);
        jdbc.update("""
                INSERT INTO alert (elder_id, organization_id, kind, severity, status, title, first_event_at, last_event_at,
                                   opened_at, acknowledged_at, resolved_at, outcome)
                VALUES (?, ?, 'VITAL_HR', 'MEDIUM', 'RESOLVED', '生命体征异常 HR：王秀英', timestamptz '2026-11-07 09:00+08',
                        timestamptz '2026-11-07 09:00+08', timestamptz '2026-11-07 09:00+08',
                        timestamptz '2026-11-07 09:00:42+08', timestamptz '2026-11-07 09:30+08', 'HELP_PROVIDED')
                """, t.elderA, t.centerA);
    }

    ApiClient doctor() {
        return t.as("doctor");
    }

    Map<String, Object> record(LocalDate hypertensionDue) {
        Map<String, Object> htn = new HashMap<>(Map.of("icd10", "I10", "name", "原发性高血压", "followUpDays", 90,
                "diagnosedOn", "2015-05-01"));
        htn.put("nextFollowUp", hypertensionDue.toString());
        return Map.of("bloodType", "A", "careLevel", "MILD", "allergies", List.of("青霉素"), "notes", "独居，女儿每周探望",
                "conditions", List.of(htn, Map.of("icd10", "E11", "name", "2型糖尿病", "followUpDays", 90)),
                "medications", List.of(Map.of("name", "氨氯地平片", "dose", "5 mg", "schedule", "每日一次"),
                        Map.of("name", "二甲双胍", "dose", "0.5 g", "schedule", "每日两次")));
    }

    @Test
    void contractedDoctorKeepsTheHealthRecordAndEveryChangeIsAudited() {
        ApiClient.Response put = doctor().put("/api/v1/elders/" + t.elderA + "/health-record",
                record(today.minusDays(10)));
        assertThat(put.status()).as(put.raw().body()).isEqualTo(200);
        assertThat(put.json().get("conditions")).hasSize(2);
        assertThat(put.json().get("updatedBy").asText()).startsWith("doctor");
        JsonNode read = t.as("careA").get("/api/v1/elders/" + t.elderA + "/health-record").json();
        assertThat(read.get("allergies").get(0).asText()).isEqualTo("青霉素");
        assertThat(read.get("medications").get(1).get("name").asText()).isEqualTo("二甲双胍");
        assertThat(read.get("conditions").get(1).get("nextFollowUp").asText())
                .as("a planned condition without a date is due after its interval, by the care center's calendar"
                        + " (between 00:00 and 08:00 in Beijing the database's UTC day is yesterday)").isEqualTo(today.plusDays(90).toString());
        // The board's cards show the record's conditions.
        assertThat(t.as("careA").get("/api/v1/elders/" + t.elderA).json().get("conditions").toString())
                .contains("原发性高血压", "2型糖尿病");
        JsonNode history = doctor().get("/api/v1/elders/" + t.elderA + "/health-record/history").json();
        assertThat(history).isNotEmpty();
        assertThat(history.get(0).get("username").asText()).isEqualTo(t.username("doctor"));
        assertThat(history.get(0).get("after").get("conditions").toString()).contains("I10 原发性高血压");
        // Care staff read but do not edit.
        ApiClient.Response staff = t.as("careA").put("/api/v1/elders/" + t.elderA + "/health-record",
                record(today));
        assertThat(staff.status()).isEqualTo(403);
        assertThat(staff.header("Content-Type")).contains("application/problem+json");
    }

    @Test
    void invalidRecordsAndFollowUpsAreProblemsNamingTheField() {
        Map<String, Object> bad = new HashMap<>(record(today));
        bad.put("bloodType", "Z");
        bad.put("conditions", List.of(Map.of("icd10", "hypertension", "name", "高血压")));
        ApiClient.Response r = doctor().put("/api/v1/elders/" + t.elderA + "/health-record", bad);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).contains("application/problem+json");
        assertThat(r.json().get("errors").toString()).contains("bloodType", "conditions[0].icd10");
        Map<String, Object> twice = new HashMap<>(record(today));
        twice.put("conditions", List.of(Map.of("icd10", "I10", "name", "a"), Map.of("icd10", "I10", "name", "b")));
        assertThat(doctor().put("/api/v1/elders/" + t.elderA + "/health-record", twice).json().get("errors").toString())
                .contains("conditions");

        ApiClient.Response future = doctor().post("/api/v1/elders/" + t.elderA + "/follow-ups",
                Map.of("doneOn", today.plusDays(1).toString(), "way", "VISIT"));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.json().get("errors").get(0).get("field").asText()).isEqualTo("doneOn");
        ApiClient.Response way = doctor().post("/api/v1/elders/" + t.elderA + "/follow-ups",
                Map.of("doneOn", today.toString(), "way", "EMAIL", "sbp", 400));
        assertThat(way.json().get("errors").toString()).contains("way", "sbp");

        ApiClient.Response plan = doctor().put("/api/v1/elders/" + t.elderA + "/care-plan",
                Map.of("carePlan", Map.of("thresholds", Map.of("HR", Map.of("low", 120, "high", 50)))));
        assertThat(plan.status()).isEqualTo(400);
        assertThat(plan.json().get("errors").get(0).get("field").asText()).isEqualTo("carePlan");
    }

    @Test
    void doctorWithoutContractGets404ForRecordReportAndFhir() {
        ApiClient stranger = ApiClient.basic(port, t.username("doctor2"), TestTree.PASSWORD);
        for (String path : List.of("/api/v1/elders/" + t.elderA + "/health-record",
                "/api/v1/elders/" + t.elderA + "/care-plan", "/api/v1/elders/" + t.elderA + "/follow-ups",
                "/api/v1/elders/" + t.elderA + "/report.pdf?month=" + MONTH, "/fhir/r4/Patient/" + t.elderA,
                "/fhir/r4/Observation?patient=" + t.elderA, "/fhir/r4/Patient/" + t.elderA + "/$everything",
                "/fhir/r4/Condition?patient=" + t.elderA, "/fhir/r4/Flag/" + t.alertA)) {
            assertThat(stranger.get(path).status()).as(path).isEqualTo(404);
        }
        assertThat(stranger.put("/api/v1/elders/" + t.elderA + "/health-record", record(today)).status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/worklist").json()).isEmpty();
        // The contracted doctor does not see the other center's elder either.
        assertThat(doctor().get("/api/v1/elders/" + t.elderB + "/report.pdf?month=" + MONTH).status()).isEqualTo(404);
        assertThat(doctor().get("/fhir/r4/Patient/" + t.elderB).status()).isEqualTo(404);
        ApiClient.Response outcome = doctor().get("/fhir/r4/Patient/" + t.elderB);
        assertThat(outcome.json().get("resourceType").asText()).isEqualTo("OperationOutcome");
    }

    @Test
    void carePlanByTheDoctorWithDefaultsAndHistory() {
        JsonNode before = doctor().get("/api/v1/elders/" + t.elderA + "/care-plan").json();
        assertThat(before.get("defaults").get("thresholds").get("HR").get("high").asInt()).isEqualTo(110);
        ApiClient.Response put = doctor().put("/api/v1/elders/" + t.elderA + "/care-plan",
                Map.of("carePlan", Map.of("thresholds", Map.of("SBP", Map.of("high", 150, "criticalHigh", 175)))));
        assertThat(put.status()).as(put.raw().body()).isEqualTo(200);
        assertThat(put.json().get("effective").get("thresholds").get("SBP").get("high").asInt()).isEqualTo(150);
        assertThat(put.json().get("effective").get("thresholds").get("HR").get("high").asInt())
                .as("codes the doctor left out keep the age defaults").isEqualTo(110);
        assertThat(put.json().get("history").get(0).get("after").get("thresholds").get("SBP").get("high").asInt())
                .isEqualTo(150);
        assertThat(jdbc.queryForObject("SELECT care_plan->'thresholds'->'SBP'->>'high' FROM elder WHERE id = ?",
                String.class, t.elderA)).isEqualTo("150");
        assertThat(t.as("careA").put("/api/v1/elders/" + t.elderA + "/care-plan",
                Map.of("carePlan", Map.of())).status()).isEqualTo(403);
    }

    @Test
    void followUpsMoveThePlanAndTheWorklistIsSortedByUrgency() {
        doctor().put("/api/v1/elders/" + t.elderA + "/health-record", record(today.minusDays(10)));
        t.insertAlert(t.elderA, t.centerA, "EARLY_WARNING", java.time.Instant.now().minusSeconds(600));
        t.insertAlert(t.elderB, t.centerB, "EARLY_WARNING", java.time.Instant.now().minusSeconds(600));
        JsonNode list = doctor().get("/api/v1/worklist").json();
        List<String> order = new ArrayList<>();
        list.forEach(i -> order.add(i.get("type").asText() + ":" + (i.hasNonNull("kind") ? i.get("kind").asText()
                : i.get("icd10").asText() + ":" + i.get("status").asText())));
        assertThat(order).startsWith("INCIDENT:EARLY_WARNING", "FOLLOW_UP:I10:OVERDUE");
        assertThat(order).doesNotContain("INCIDENT:SOS");
        list.forEach(i -> assertThat(i.get("elderId").asLong()).isEqualTo(t.elderA));
        assertThat(list.get(1).get("overdueDays").asInt()).isEqualTo(10);

        ApiClient.Response done = doctor().post("/api/v1/elders/" + t.elderA + "/follow-ups", Map.of("icd10", "I10",
                "doneOn", today.toString(), "way", "PHONE", "sbp", 138, "dbp", 86, "notes", "血压控制可"));
        assertThat(done.status()).as(done.raw().body()).isEqualTo(201);
        JsonNode followUps = doctor().get("/api/v1/elders/" + t.elderA + "/follow-ups").json();
        assertThat(followUps.get("plan").get(0).get("nextFollowUp").asText()).isEqualTo(today.plusDays(90).toString());
        assertThat(followUps.get("done").get(0).get("sbp").asInt()).isEqualTo(138);
        assertThat(doctor().get("/api/v1/worklist").toString()).doesNotContain("OVERDUE");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'FOLLOW_UP_RECORD' AND target_id = ?",
                Long.class, Long.toString(t.elderA))).isEqualTo(1);
    }

    @Test
    void monthlyReportIsChineseTextWithTheMonthsNumbers() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(
                java.nio.file.Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")),
                "Debian fonts-noto-cjk is not installed (./anxin installs it)");
        doctor().put("/api/v1/elders/" + t.elderA + "/health-record", record(today.plusDays(30)));
        HttpResponse<byte[]> pdf = download("/api/v1/elders/" + t.elderA + "/report.pdf?month=" + MONTH);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        // For a human to look at (build output, like the browser tests' screenshots).
        java.nio.file.Files.write(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "anxin-report.pdf"), pdf.body());
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            assertThat(doc.getNumberOfPages()).isBetween(1, 2);
            text = new PDFTextStripper().getText(doc);
        }
        assertThat(text).contains("健康月报", "王秀英", "原发性高血压", "I10", "氨氯地平片", "青霉素", "轻度失能");
        // HR min/avg/max over the month: 60 / 70 / 80; systolic 130 / 140 / 150; 144 readings each.
        assertThat(text).containsPattern("心率 HR\\s+/min\\s+60\\s+70\\s+80\\s+144");
        assertThat(text).containsPattern("收缩压 SBP\\s+mm\\[Hg\\]\\s+130\\s+140\\s+150\\s+144");
        assertThat(text).contains("生命体征异常 HR", "已提供帮助", "42 秒");
        // The month's latest readings (HR 60-80, RR 16, SpO2 97, SBP 130-150, TEMP 36.6) all score 0.
        assertThat(text).contains("总分 0 分，风险 低");

        assertThat(t.as("doctor").get("/api/v1/elders/" + t.elderA + "/report.pdf?month=2026-13").json()
                .get("errors").get(0).get("field").asText()).isEqualTo("month");
    }

    @Test
    void fhirResourcesAreValidR4AndScopedByTheApiKey() {
        doctor().put("/api/v1/elders/" + t.elderA + "/health-record", record(today.plusDays(30)));
        ApiClient.Response created = admin().post("/api/v1/admin/api-keys",
                Map.of("name", "hospital-" + t.tag, "role", "PARTNER", "organizationId", t.centerA));
        assertThat(created.status()).isEqualTo(201);
        ApiClient partner = ApiClient.bearer(port, created.json().get("key").asText());

        List<String> paths = List.of("/fhir/r4/metadata", "/fhir/r4/Patient/" + t.elderA,
                "/fhir/r4/Observation?patient=Patient/" + t.elderA + "&date=ge2026-11-05&date=lt2026-11-06&_count=1000",
                "/fhir/r4/Observation?patient=" + t.elderA + "&code=http://loinc.org%7C85354-9&date=ge2026-11-01&_count=5",
                "/fhir/r4/Flag?patient=" + t.elderA, "/fhir/r4/Flag/" + t.alertA,
                "/fhir/r4/Condition?patient=" + t.elderA, "/fhir/r4/MedicationStatement?patient=" + t.elderA,
                "/fhir/r4/CareTeam?patient=" + t.elderA,
                "/fhir/r4/Patient/" + t.elderA + "/$everything?start=2026-11-01&end=2026-11-30");
        for (String path : paths) {
            ApiClient.Response r = partner.get(path);
            assertThat(r.status()).as(path + " " + r.raw().body()).isEqualTo(200);
            assertThat(r.header("Content-Type")).startsWith("application/fhir+json");
            assertThat(FhirValidation.errors(r.raw().body())).as(path).isEmpty();
        }
        JsonNode bp = partner.get(paths.get(3)).json();
        // The 5 newest readings end in half a pair: that timestamp goes to the next page whole.
        assertThat(bp.get("entry")).hasSize(2);
        JsonNode panel = bp.get("entry").get(0).get("resource");
        assertThat(panel.get("code").get("coding").get(0).get("code").asText()).isEqualTo("85354-9");
        assertThat(panel.get("component")).hasSize(2);
        JsonNode day = partner.get(paths.get(2)).json();
        assertThat(day.get("total").asInt()).as("24 h × (HR, SpO2, TEMP, RR, BP panel)").isEqualTo(24 * 5);
        String everything = partner.get(paths.get(9)).raw().body();
        assertThat(everything).contains("\"resourceType\":\"Condition\"", "\"resourceType\":\"MedicationStatement\"",
                "\"resourceType\":\"CareTeam\"", "\"resourceType\":\"Flag\"", "\"resourceType\":\"Patient\"");
        String obsId = day.get("entry").get(0).get("resource").get("id").asText();
        // A page that does not hold every reading links to the older ones and never splits a timestamp.
        JsonNode paged = partner.get("/fhir/r4/Observation?patient=" + t.elderA + "&date=ge2026-11-05&date=lt2026-11-06&_count=7").json();
        assertThat(paged.get("entry")).hasSize(5);
        assertThat(paged.has("total")).isFalse();
        String next = paged.get("link").get(1).get("url").asText();
        assertThat(next).contains("date=lt2026-11-05T14:00:00.001Z");
        JsonNode older = partner.get(next.substring(next.indexOf("/fhir/r4"))).json();
        assertThat(older.get("entry").get(0).get("resource").get("effectiveDateTime").asText()).startsWith("2026-11-05T22:00");
        assertThat(partner.get("/fhir/r4/Observation/" + obsId).status()).isEqualTo(200);

        // Scope: the key of center A sees no elder of center B, and its Patient search lists only its own.
        assertThat(partner.get("/fhir/r4/Patient/" + t.elderB).status()).isEqualTo(404);
        assertThat(partner.get("/fhir/r4/Flag/" + t.alertB).status()).isEqualTo(404);
        assertThat(partner.get("/fhir/r4/Observation?patient=" + t.elderB).status()).isEqualTo(404);
        assertThat(partner.get("/fhir/r4/Patient").raw().body()).contains("\"id\":\"" + t.elderA + "\"")
                .doesNotContain("\"id\":\"" + t.elderB + "\"");
        // Faults: bad date, missing patient, XML, no credentials.
        ApiClient.Response badDate = partner.get("/fhir/r4/Observation?patient=" + t.elderA + "&date=gexyz");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.json().get("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(partner.get("/fhir/r4/Condition").status()).isEqualTo(400);
        assertThat(partner.get("/fhir/r4/Patient/" + t.elderA + "?_format=xml").status()).isEqualTo(406);
        assertThat(ApiClient.session(port).get("/fhir/r4/Patient/" + t.elderA).status()).isEqualTo(401);
    }

    private HttpResponse<byte[]> download(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (t.username("doctor") + ":" + TestTree.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
