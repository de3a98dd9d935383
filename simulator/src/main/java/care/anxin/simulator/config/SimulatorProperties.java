package care.anxin.simulator.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Simulator settings ({@code anxin.simulator.*}); application.yml maps the ANXIN_* environment
 * variables of ./anxin onto them.
 *
 * @param mode          {@code scenario} (the demo's living community), {@code bench}, or {@code idle}
 *                      (receiver only, for tests that drive a scenario programmatically)
 * @param bench         which benchmark in bench mode: ingest, sos, trends
 * @param apiUrl        monitoring-service base URL (REST admin API, alert stream)
 * @param adminPassword password of the platform's admin user (ANXIN_ADMIN_PASSWORD; no default)
 * @param broker        the platform's MQTT endpoint, {@code tcp://host:port}
 * @param noAuth        connect without user name and password (a plain broker such as mosquitto)
 * @param receiverUrl   how the platform reaches this simulator's webhook/SMS receiver
 * @param scenario      scenario YAML: a file path or {@code classpath:} resource
 * @param elders        overrides the scenario's community size when set
 * @param varDir        where the fleet file (device secrets) is kept across restarts
 * @param backfill      publish the scenario's days of per-minute history at provisioning
 * @param watchEndpoint the platform's "3G watch" TCP listener, {@code host:port} (ANXIN_WATCH_PORT)
 * @param watchShare    overrides the scenario's share of elders wearing a protocol watch (0-1) when set
 * @param watchReplyTimeout how long a watch waits for the platform's reply before it reconnects and resends
 */
@ConfigurationProperties("anxin.simulator")
public record SimulatorProperties(
        @DefaultValue("scenario") String mode,
        @DefaultValue("ingest") String bench,
        @DefaultValue("http://127.0.0.1:8080") String apiUrl,
        @DefaultValue("admin") String adminUser,
        String adminPassword,
        @DefaultValue("tcp://127.0.0.1:1883") String broker,
        @DefaultValue("false") boolean noAuth,
        @DefaultValue("http://127.0.0.1:8090") String receiverUrl,
        @DefaultValue("classpath:scenarios/demo.yaml") String scenario,
        Integer elders,
        @DefaultValue("var/simulator") Path varDir,
        @DefaultValue("true") boolean backfill,
        @DefaultValue("127.0.0.1:5093") String watchEndpoint,
        Double watchShare,
        @DefaultValue("20s") java.time.Duration watchReplyTimeout) {
}
