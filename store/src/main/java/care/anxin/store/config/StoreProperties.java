package care.anxin.store.config;

import care.anxin.store.schema.DatabaseModeDetector.ModePreference;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Store settings shared by every service.
 *
 * @param mode AUTO picks TimescaleDB when the extension is available, plain PostgreSQL otherwise
 */
@ConfigurationProperties("anxin.store")
public record StoreProperties(ModePreference mode) {
    public StoreProperties {
        if (mode == null) {
            mode = ModePreference.AUTO;
        }
    }
}
