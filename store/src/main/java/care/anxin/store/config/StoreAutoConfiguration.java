package care.anxin.store.config;

import care.anxin.store.maintenance.MaintenanceProperties;
import care.anxin.store.maintenance.StoreMaintenance;
import care.anxin.store.schema.DatabaseMode;
import care.anxin.store.schema.DatabaseModeDetector;
import care.anxin.store.schema.SchemaMigrator;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;

/**
 * Wires the store into every service: Boot's Flyway runs the Anxin migrations (so JDBC users wait
 * for the schema), in the mode detected on the configured database.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class, before = FlywayAutoConfiguration.class)
@EnableConfigurationProperties({StoreProperties.class, MaintenanceProperties.class})
public class StoreAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StoreAutoConfiguration.class);

    @Bean
    DatabaseMode databaseMode(DataSource dataSource, StoreProperties properties) {
        DatabaseMode mode = DatabaseModeDetector.detect(dataSource, properties.mode());
        log.info("Anxin store: {} mode ({})", mode, mode == DatabaseMode.TIMESCALE
                ? "hypertables, compression, continuous aggregates, retention"
                : "plain PostgreSQL: native partitions and rollup tables");
        return mode;
    }

    @Bean
    FlywayConfigurationCustomizer anxinMigrationLocations(DatabaseMode mode) {
        return configuration -> SchemaMigrator.configure(configuration, mode);
    }

    /** Partitions, retention and rollups on plain PostgreSQL; runs after Flyway, before the services write. */
    @Bean
    @DependsOnDatabaseInitialization
    @ConditionalOnProperty(prefix = "anxin.store.maintenance", name = "enabled", matchIfMissing = true)
    StoreMaintenance storeMaintenance(DataSource dataSource, DatabaseMode mode, MaintenanceProperties properties) {
        return new StoreMaintenance(dataSource, mode, properties);
    }
}
