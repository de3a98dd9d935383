package care.anxin.store.schema;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.store.test.PrimaryKeys;
import care.anxin.store.test.RollupCheck;
import care.anxin.store.test.TestDatabase;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs the TimescaleDB migrations against a real TimescaleDB when one is reachable:
 * ANXIN_TEST_TIMESCALE_URL (e.g. jdbc:postgresql://127.0.0.1:5432/postgres of the
 * deploy/docker-compose.yml database; user/password from ANXIN_TEST_TIMESCALE_USER/_PASSWORD,
 * default postgres/postgres). Skipped otherwise: Debian has no TimescaleDB package and the
 * embedded PostgreSQL has no extension (docs/operations.md).
 */
class TimescaleMigrationTest {

    @Test
    void migratesToHypertablesAndRealTimeAggregatesWithThePlainColumns() {
        String adminUrl = Optional.ofNullable(System.getenv("ANXIN_TEST_TIMESCALE_URL")).orElse("");
        Assumptions.assumeTrue(!adminUrl.isBlank(), "ANXIN_TEST_TIMESCALE_URL not set: no TimescaleDB to test against");
        String user = Optional.ofNullable(System.getenv("ANXIN_TEST_TIMESCALE_USER")).orElse("postgres");
        String password = Optional.ofNullable(System.getenv("ANXIN_TEST_TIMESCALE_PASSWORD")).orElse("postgres");
        String name = "anxin_ts_" + UUID.randomUUID().toString().substring(0, 8);
        new JdbcTemplate(dataSource(adminUrl, user, password)).execute("CREATE DATABASE " + name);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource(adminUrl.replaceAll("/[^/?]*(\\?.*)?$", "/" + name + "$1"), user, password));

        assertThat(SchemaMigrator.migrate(jdbc.getDataSource())).isEqualTo(DatabaseMode.TIMESCALE);
        assertThat(SchemaMigrator.migrate(jdbc.getDataSource())).isEqualTo(DatabaseMode.TIMESCALE);
        assertThat(jdbc.queryForList("SELECT hypertable_name::text FROM timescaledb_information.hypertables "
                + "WHERE hypertable_schema = 'public' ORDER BY 1", String.class)).containsExactly("location", "message_dedup", "vital_sample");
        // De-duplication keys expire by whole chunks (of the message's ts), never row by row.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM timescaledb_information.jobs "
                + "WHERE proc_name = 'policy_retention' AND hypertable_name = 'message_dedup'", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT view_name::text FROM timescaledb_information.continuous_aggregates "
                + "WHERE NOT materialized_only ORDER BY 1", String.class)).containsExactly("vital_sample_daily", "vital_sample_hourly");
        JdbcTemplate plain = new JdbcTemplate(TestDatabase.newMigratedDataSource());
        // The de-duplication key leads with the message's ts in both modes (V82).
        assertThat(PrimaryKeys.columns(jdbc, "message_dedup")).containsExactly("time", "device_id", "digest")
                .isEqualTo(PrimaryKeys.columns(plain, "message_dedup"));
        for (String rollup : new String[] {"observation_hourly", "observation_daily"}) {
            assertThat(RollupCheck.columns(jdbc, rollup)).isEqualTo(RollupCheck.columns(plain, rollup));
        }

        jdbc.update("""
                INSERT INTO observation (time, elder_id, device_id, code, value)
                SELECT now() - interval '60 days' + i * interval '17 minutes', e, 'dev', 'HR', 60 + (i * 7 + e) % 40
                FROM generate_series(0, 60 * 24 * 60 / 17) i, generate_series(1, 3) e""");
        // Real-time: correct before any refresh, and after one that materializes the history.
        assertThat(RollupCheck.mismatches(jdbc, "observation_hourly", "1 hour")).isZero();
        assertThat(RollupCheck.mismatches(jdbc, "observation_daily", "1 day")).isZero();
        jdbc.execute("CALL refresh_continuous_aggregate('vital_sample_hourly', NULL, now() - interval '1 hour')");
        jdbc.execute("CALL refresh_continuous_aggregate('vital_sample_daily', NULL, now() - interval '1 day')");
        jdbc.update("INSERT INTO observation (time, elder_id, device_id, code, value) VALUES (now() - interval '30 days', 1, 'dev', 'HR', 199)");
        jdbc.execute("CALL refresh_continuous_aggregate('vital_sample_hourly', NULL, now() - interval '1 hour')");
        jdbc.execute("CALL refresh_continuous_aggregate('vital_sample_daily', NULL, now() - interval '1 day')");
        assertThat(RollupCheck.mismatches(jdbc, "observation_hourly", "1 hour")).isZero();
        assertThat(RollupCheck.mismatches(jdbc, "observation_daily", "1 day")).isZero();
    }

    private static DataSource dataSource(String url, String user, String password) {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }
}
