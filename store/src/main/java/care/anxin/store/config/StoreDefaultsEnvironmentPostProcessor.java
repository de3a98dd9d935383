package care.anxin.store.config;

import care.anxin.store.schema.SchemaMigrator;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * One place for the database defaults of every service: the embedded PostgreSQL that
 * {@code ./anxin demo} starts, overridden by ANXIN_DB_URL / ANXIN_DB_USER / ANXIN_DB_PASSWORD.
 * The webhook guard and secret key settings (anxin.webhook.*) too, which the monitoring and alert
 * services must share: ANXIN_WEBHOOK_ALLOW_HTTP, ANXIN_WEBHOOK_ALLOWED_TARGETS,
 * ANXIN_WEBHOOK_OWN_HOSTS, ANXIN_WEBHOOK_SECRET_KEY, ANXIN_WEBHOOK_SECRET_KEY_FILE.
 * The care zone (ANXIN_ZONE, default Asia/Shanghai) is the local calendar of every service (trends,
 * reports, follow-up dates, day hours of the condition rules): a server in UTC must not move the care
 * center's day by eight hours.
 * Added last, so any application property or environment variable wins.
 */
public class StoreDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("anxinStoreDefaults", Map.ofEntries(
                Map.entry("spring.datasource.url", "${ANXIN_DB_URL:jdbc:postgresql://127.0.0.1:${ANXIN_DB_PORT:55432}/anxin}"),
                Map.entry("spring.datasource.username", "${ANXIN_DB_USER:anxin}"),
                Map.entry("spring.datasource.password", "${ANXIN_DB_PASSWORD:anxin}"),
                Map.entry("spring.flyway.locations", SchemaMigrator.COMMON_LOCATION),
                Map.entry("spring.datasource.hikari.maximum-pool-size", "${ANXIN_DB_POOL:12}"),
                Map.entry("anxin.clinical.zone", "${ANXIN_ZONE:Asia/Shanghai}"),
                Map.entry("anxin.monitoring.trends.zone", "${ANXIN_ZONE:Asia/Shanghai}"),
                Map.entry("anxin.alert.rules.zone", "${ANXIN_ZONE:Asia/Shanghai}"),
                Map.entry("anxin.webhook.allow-http", "${ANXIN_WEBHOOK_ALLOW_HTTP:false}"),
                Map.entry("anxin.webhook.allowed-targets", "${ANXIN_WEBHOOK_ALLOWED_TARGETS:}"),
                Map.entry("anxin.webhook.own-hosts", "${ANXIN_WEBHOOK_OWN_HOSTS:}"),
                Map.entry("anxin.webhook.secret-key", "${ANXIN_WEBHOOK_SECRET_KEY:}"),
                Map.entry("anxin.webhook.secret-key-file", "${ANXIN_WEBHOOK_SECRET_KEY_FILE:${ANXIN_VAR:var}/webhook-secret.key}"))));
    }
}
