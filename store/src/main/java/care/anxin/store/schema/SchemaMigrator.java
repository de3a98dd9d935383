package care.anxin.store.schema;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the one Anxin schema: the common migrations plus those of the detected mode. */
public final class SchemaMigrator {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);
    public static final String COMMON_LOCATION = "classpath:db/migration/common";

    private SchemaMigrator() {
    }

    /**
     * Points a Flyway configuration at the right folders for the mode. Out-of-order: modules own
     * version ranges and land in parallel, so a database already past a version (say V60) still
     * takes a lower one merged later (V55); the migrations of different ranges do not depend on
     * each other.
     */
    public static FluentConfiguration configure(FluentConfiguration configuration, DatabaseMode mode) {
        return configuration.locations(COMMON_LOCATION, mode.migrationLocation()).outOfOrder(true);
    }

    /** Detects the mode and migrates; used by tests and tools outside Spring. */
    public static DatabaseMode migrate(DataSource dataSource) {
        DatabaseMode mode = DatabaseModeDetector.detect(dataSource, DatabaseModeDetector.ModePreference.AUTO);
        var result = configure(Flyway.configure().dataSource(dataSource), mode).load().migrate();
        log.info("Anxin schema in {} mode: {} migration(s) applied, now at version {}",
                mode, result.migrationsExecuted, result.targetSchemaVersion);
        return mode;
    }
}
