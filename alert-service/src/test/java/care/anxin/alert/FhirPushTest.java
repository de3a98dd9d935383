package care.anxin.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import care.anxin.alert.rules.ConditionRuleRunner;
import care.anxin.alert.support.AlertHarness;
import care.anxin.alert.support.Fixtures;
import care.anxin.alert.support.TestClock;
import care.anxin.alert.support.WebhookReceiver;
import care.anxin.fhir.FhirValidation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A medical partner's FHIR server (a real HTTP receiver) gets incidents as R4 transaction Bundles
 * through the outbox: signed, retried under one idempotency key with the same body, valid R4.
 * A doctor with an alert channel hears of an early warning of a contracted elder.
 */
class FhirPushTest {

    static final TestClock clock = new TestClock(Instant.parse("2026-11-23T06:00:00Z"));
    static AlertHarness harness;

    @BeforeAll
    static void start() {
        harness = AlertHarness.start(clock, Map.of("anxin.alert.dispatch.max-attempts", 4,
                "anxin.alert.dispatch.backoff-base", "1s"));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void incidentReachesThePartnersFhirServerAsAValidTransactionBundle() throws Exception {
        Fixtures world = harness.world;
        WebhookReceiver receiver = harness.receiver;
        long fhirEndpoint = harness.jdbc.queryForObject("""
                INSERT INTO notification_endpoint (organization_id, channel, name, url, secret)
                VALUES (?, 'FHIR', '区医院 FHIR', ?, 'fhir-secret') RETURNING id""", Long.class, world.center,
                receiver.url("/fhir/r4"));
        receiver.answer("/fhir/r4", n -> n == 1 ? 503 : 200);
        Fixtures.Elder elder = world.elder("陈桂英");
        observe(elder, "HR", 118);
        observe(elder, "SBP", 152);
        observe(elder, "DBP", 91);
        observe(elder, "SPO2", 95);
        world.event(elder.id(), elder.handset(), "SOS", "{}");

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            clock.advance(Duration.ofMillis(500));
            return receiver.received("/fhir/r4").size() >= 2;
        });
        List<WebhookReceiver.Received> got = receiver.received("/fhir/r4");
        assertThat(got.stream().map(r -> r.header("Idempotency-Key")).distinct()).hasSize(1);
        assertThat(got.stream().map(WebhookReceiver.Received::body).distinct()).as("a retry sends the same Bundle").hasSize(1);
        WebhookReceiver.Received delivered = got.get(1);
        assertThat(delivered.header("Content-Type")).startsWith("application/fhir+json");
        assertThat(delivered.header("X-Anxin-Signature")).isNotBlank();

        JsonNode bundle = new ObjectMapper().readTree(delivered.body());
        assertThat(bundle.get("resourceType").asText()).isEqualTo("Bundle");
        assertThat(bundle.get("type").asText()).isEqualTo("transaction");
        String types = bundle.get("entry").findValues("resourceType").toString();
        assertThat(types).contains("Patient", "Flag", "Observation");
        long alertId = harness.jdbc.queryForObject("SELECT id FROM alert WHERE elder_id = ? AND kind = 'SOS'", Long.class,
                elder.id());
        assertThat(delivered.body()).contains("identifier=https://anxin.care/fhir/sid/incident|" + alertId, "85354-9", "陈桂英");
        assertThat(FhirValidation.errors(delivered.body())).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(harness.jdbc.queryForObject(
                "SELECT status FROM notification WHERE endpoint_id = ?", String.class, fhirEndpoint)));
    }

    @Test
    void unreachableFhirBaseIsRetriedThenDeadAndVisible() {
        Fixtures world = new Fixtures(harness.jdbc, clock, harness.receiver, "/f2");
        harness.jdbc.update("INSERT INTO notification_endpoint (organization_id, channel, name, url) VALUES (?, 'FHIR', 'bad', ?)",
                world.center, harness.receiver.url("/f2/fhir"));
        harness.receiver.answer("/f2/fhir", n -> 400);
        Fixtures.Elder elder = world.elder("钱玉珍");
        world.event(elder.id(), elder.handset(), "SOS", "{}");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            clock.advance(Duration.ofMillis(500));
            return harness.jdbc.queryForObject("SELECT count(*) FROM alert WHERE elder_id = ? AND kind = 'NOTIFICATION_FAILED'",
                    Integer.class, elder.id()) == 1;
        });
        // (the NOTIFICATION_FAILED incident is itself pushed to the same endpoint: not counted here)
        assertThat(harness.receiver.received("/f2/fhir", "紧急呼叫")).as("a refused Bundle is not sent again").hasSize(1);
    }

    @Test
    void contractedDoctorWithAChannelHearsOfAnEarlyWarning() {
        Fixtures world = new Fixtures(harness.jdbc, clock, harness.receiver, "/d3");
        long doctor = harness.jdbc.queryForObject("""
                INSERT INTO app_user (organization_id, username, display_name, password_hash, role)
                VALUES (?, 'doc-fhirpush', '刘医生', 'x', 'DOCTOR') RETURNING id""", Long.class, world.partner);
        Fixtures.Elder elder = world.elder("孙淑珍");
        Fixtures.Elder uncontracted = world.elder("周玉梅");
        harness.jdbc.update("INSERT INTO doctor_contract (elder_id, doctor_user_id, valid_from) VALUES (?, ?, DATE '2026-01-01')",
                elder.id(), doctor);
        harness.jdbc.update("INSERT INTO doctor_alert_channel (doctor_user_id, channel, address) VALUES (?, 'WEBHOOK', ?)",
                doctor, harness.receiver.url("/d3/doctor"));
        for (Fixtures.Elder e : List.of(elder, uncontracted)) {
            observe(e, "HR", 135);
            observe(e, "RR", 26);
            observe(e, "SPO2", 90);
            observe(e, "TEMP", 39.5);
            observe(e, "SBP", 95);
        }
        harness.service.getBean(ConditionRuleRunner.class).runOnce();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            clock.advance(Duration.ofMillis(200));
            return !harness.receiver.received("/d3/doctor").isEmpty();
        });
        assertThat(harness.receiver.received("/d3/doctor", "孙淑珍")).hasSize(1);
        assertThat(harness.receiver.received("/d3/doctor", "周玉梅")).as("not the doctor's elder").isEmpty();
        assertThat(harness.receiver.received("/d3/doctor").get(0).body()).contains("EARLY_WARNING");
    }

    static void observe(Fixtures.Elder elder, String code, double value) {
        harness.jdbc.update("INSERT INTO observation (time, elder_id, device_id, code, value, received_at) VALUES (?, ?, ?, ?, ?, ?)",
                Timestamp.from(clock.instant().minusSeconds(60)), elder.id(), elder.wristband(), code, value,
                Timestamp.from(clock.instant().minusSeconds(60)));
    }
}
