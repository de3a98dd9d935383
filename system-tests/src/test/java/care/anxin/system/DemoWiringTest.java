package care.anxin.system;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.simulator.receiver.WebhookSecrets;
import care.anxin.simulator.run.Simulation;
import care.anxin.simulator.scenario.Happening;
import care.anxin.simulator.scenario.ScenarioLoader;
import care.anxin.simulator.scenario.ScriptedHappening;
import care.anxin.store.test.TestDatabase;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The demo's wiring for a few seconds: the simulator provisions its community through the admin
 * API and its elders' devices publish over MQTT; readings are stored, a scripted SOS becomes an
 * incident, and the escalation's signed webhook reaches the partner endpoint.
 */
class DemoWiringTest {

    @Test
    void simulatedCommunityProducesReadingsAnSosIncidentAndAWebhook() throws Exception {
        WebhookSecrets secrets = new WebhookSecrets();
        try (WebhookReceiver receiver = new WebhookReceiver(secrets::all);
             RunningPlatform platform = new RunningPlatform(Map.of("anxin.alert.sms.gateway-url", receiver.baseUrl() + "/sms"))) {
            var scenario = ScenarioLoader.load(ScenarioLoader.DEFAULT).withElders(3)
                    .withScript(List.of(new ScriptedHappening(1, 0, Happening.SOS)));
            var config = new Simulation.Config(platform.monitoringUrl(), platform.mqttUri(), "admin",
                    RunningPlatform.ADMIN_PASSWORD, receiver.baseUrl(), secrets,
                    Files.createTempDirectory("anxin-sim-"), scenario, false);
            JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.dataSource(platform.databaseUrl));

            try (Simulation simulation = Simulation.start(config, new ObjectMapper().findAndRegisterModules())) {
                WebhookReceiver.Delivery webhook = awaitWebhook(receiver, Duration.ofSeconds(60));
                assertThat(webhook.signatureValid()).isTrue();
                assertThat(webhook.body()).contains("SOS");

                assertThat(jdbc.queryForObject("SELECT count(*) FROM alert WHERE kind = 'SOS'", Long.class)).isEqualTo(1);
                // Wristbands report vitals once a minute of device time.
                awaitTrue(() -> jdbc.queryForObject("SELECT count(*) FROM observation", Long.class) > 0, Duration.ofSeconds(90));
                assertThat(jdbc.queryForList("SELECT DISTINCT code FROM observation", String.class)).contains("HR", "SPO2");
                assertThat(jdbc.queryForObject("SELECT count(*) FROM device WHERE online", Long.class)).isEqualTo(6);
                assertThat(simulation.stats().published()).isPositive();
            }
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(500);
        }
    }

    private static WebhookReceiver.Delivery awaitWebhook(WebhookReceiver receiver, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            WebhookReceiver.Delivery d = receiver.deliveries.poll(500, TimeUnit.MILLISECONDS);
            if (d != null && d.path().equals("/webhook")) {
                return d;
            }
        }
        throw new AssertionError("no webhook within " + timeout);
    }
}
