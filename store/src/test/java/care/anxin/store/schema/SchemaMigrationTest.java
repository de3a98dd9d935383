package care.anxin.store.schema;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.store.test.TestDatabase;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class SchemaMigrationTest {

    @Test
    void migratesEmptyDatabaseInPlainModeAndReappliesAsNoOp() {
        DataSource ds = TestDatabase.newEmptyDataSource();

        DatabaseMode mode = SchemaMigrator.migrate(ds);
        DatabaseMode again = SchemaMigrator.migrate(ds);

        assertThat(mode).isEqualTo(DatabaseMode.PLAIN);
        assertThat(again).isEqualTo(DatabaseMode.PLAIN);
        var pending = SchemaMigrator.configure(Flyway.configure().dataSource(ds), mode).load().info().pending();
        assertThat(pending).isEmpty();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        assertThat(jdbc.queryForList("SELECT relname FROM pg_class WHERE relkind IN ('r','p') AND relnamespace = 'public'::regnamespace", String.class))
                .contains("organization", "app_user", "elder", "device", "vital_sample", "location", "device_event",
                        "alert", "alert_action", "notification", "device_command", "observation_hourly", "observation_daily");
        // Plain-mode extras: DEFAULT partitions (real ones come from the maintenance job) and the rollup job's index.
        assertThat(jdbc.queryForList("SELECT relname FROM pg_class WHERE relname LIKE '%_default'", String.class))
                .contains("vital_sample_default", "location_default");
        // Readings are stored as samples (V83) and read through the observation view.
        assertThat(jdbc.queryForObject("SELECT relkind::text FROM pg_class WHERE relname = 'observation'", String.class)).isEqualTo("v");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_indexes WHERE indexname = 'vital_sample_received_brin'", Long.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT max(version) FROM flyway_schema_history", String.class)).isNotNull();
    }

    @Test
    void organizationPathFollowsTheTree() {
        JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.newMigratedDataSource());
        long city = jdbc.queryForObject("INSERT INTO organization(kind, code, name) VALUES ('CITY','c','市') RETURNING id", Long.class);
        long district = jdbc.queryForObject("INSERT INTO organization(kind, code, name, parent_id) VALUES ('DISTRICT','d','区', ?) RETURNING id", Long.class, city);
        String path = jdbc.queryForObject("SELECT path FROM organization WHERE id = ?", String.class, district);
        assertThat(path).isEqualTo("/" + city + "/" + district + "/");
    }
}
