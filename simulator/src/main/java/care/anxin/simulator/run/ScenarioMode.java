package care.anxin.simulator.run;

import care.anxin.simulator.config.SimulatorProperties;
import care.anxin.simulator.receiver.WebhookSecrets;
import care.anxin.simulator.provision.DemoUser;
import care.anxin.simulator.scenario.Scenario;
import care.anxin.simulator.scenario.ScenarioLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code --anxin.simulator.mode=scenario} (what ./anxin demo runs): provision the community,
 * print the demo logins, bring the elders to life. The receiver keeps the JVM running.
 */
@Component
@ConditionalOnProperty(name = "anxin.simulator.mode", havingValue = "scenario", matchIfMissing = true)
public class ScenarioMode implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ScenarioMode.class);

    private final SimulatorProperties properties;
    private final ObjectMapper json;
    private final WebhookSecrets webhookSecrets;
    private Simulation simulation;

    public ScenarioMode(SimulatorProperties properties, ObjectMapper json, WebhookSecrets webhookSecrets) {
        this.properties = properties;
        this.json = json;
        this.webhookSecrets = webhookSecrets;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        Scenario scenario = ScenarioLoader.load(properties.scenario());
        if (properties.elders() != null) {
            scenario = scenario.withElders(properties.elders());
        }
        if (properties.watchShare() != null) {
            scenario = scenario.withWatchShare(properties.watchShare());
        }
        log.info("Scenario '{}' from {}: {} elders, seed {}", scenario.name(), properties.scenario(), scenario.elders(), scenario.seed());
        simulation = Simulation.start(new Simulation.Config(properties.apiUrl(), properties.broker(), properties.adminUser(),
                properties.adminPassword(), properties.receiverUrl(), webhookSecrets, properties.varDir(),
                scenario, properties.backfill(), properties.watchEndpoint(), properties.watchReplyTimeout()), json);
        for (DemoUser user : simulation.users()) {
            log.info("DEMO-LOGIN {} {} / {}  ({})", user.role(), user.username(), user.password(), user.displayName());
        }
        // ./anxin demo prints this line in its banner.
        log.info("DEMO-DEVICES {} elders: {} with an MQTT handset + wristband, {} with a 3G protocol watch ({} connected to {})",
                simulation.profiles().size(), simulation.profiles().size() - simulation.watchCount(), simulation.watchCount(),
                simulation.watchesConnected(), properties.watchEndpoint());
        log.info("DEMO-READY community of {} elders is live; console {}", simulation.profiles().size(), properties.apiUrl());
    }

    @PreDestroy
    public void stop() {
        if (simulation != null) {
            simulation.close();
        }
    }
}
