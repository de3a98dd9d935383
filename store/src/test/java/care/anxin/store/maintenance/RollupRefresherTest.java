package care.anxin.store.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.store.schema.DatabaseMode;
import care.anxin.store.test.RollupCheck;
import care.anxin.store.test.TestDatabase;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class RollupRefresherTest {

    private final DataSource ds = TestDatabase.newMigratedDataSource();
    private final JdbcTemplate jdbc = new JdbcTemplate(ds);
    private final StoreMaintenance maintenance = new StoreMaintenance(ds, DatabaseMode.PLAIN, noLag());

    static MaintenanceProperties noLag() {
        MaintenanceProperties d = MaintenanceProperties.defaults();
        return new MaintenanceProperties(true, d.rollupInterval(), d.partitionInterval(), d.partitionsAhead(), d.partitionsBehind(),
                d.observationRetention(), d.locationRetention(), d.ingestedMessageRetention(), Duration.ZERO,
                d.rejectedMessageRetention(), d.auditLogRetention());
    }

    @Test
    void hourlyAndDailyRollupsEqualADirectAggregateIncludingLateData() {
        maintenance.afterPropertiesSet();
        // 4 elders x 3 codes, a reading every 7 minutes for 3 days, values spread pseudo-randomly.
        insert("""
                SELECT now() - interval '3 days' + (i * interval '7 minutes'), e, c, 60 + ((i * 37 + e * 11) % 50) + (i % 7) / 10.0
                FROM generate_series(0, 3 * 24 * 60 / 7) i, generate_series(1, 4) e, unnest(ARRAY['HR','SPO2','TEMP']) c""");

        RollupRefresher.Run first = maintenance.refreshRollups().orElseThrow();

        assertThat(first.hourlyRows()).isGreaterThan(4 * 3 * 70);
        assertThat(first.dailyRows()).isBetween(4 * 3 * 3, 4 * 3 * 4);
        assertMatchesRaw("observation_hourly", "1 hour");
        assertMatchesRaw("observation_daily", "1 day");

        // Late data: a device uploads a backlog for buckets already rolled up, plus 40 days of backfill.
        insert("""
                SELECT now() - interval '2 days' + (i * interval '13 minutes'), 2, 'HR', 150 + i % 9
                FROM generate_series(0, 200) i""");
        insert("""
                SELECT now() - interval '40 days' + (i * interval '1 hour'), 9, 'SBP', 120 + i % 30
                FROM generate_series(0, 40 * 24) i""");

        RollupRefresher.Run second = maintenance.refreshRollups().orElseThrow();

        assertThat(second.from()).isEqualTo(first.to());
        assertThat(second.hourlyRows()).isGreaterThanOrEqualTo(40 * 24);
        assertMatchesRaw("observation_hourly", "1 hour");
        assertMatchesRaw("observation_daily", "1 day");
        assertThat(maintenance.refreshRollups().orElseThrow().hourlyRows()).as("nothing new, nothing rewritten").isZero();
    }

    @Test
    void samplesHoldingSeveralSignsAreRolledUpPerSign() {
        maintenance.afterPropertiesSet();
        // What the gateway stores: one row per device and instant with every sign of the message,
        // some signs missing in some samples, every sign column used somewhere.
        jdbc.update("""
                INSERT INTO vital_sample (time, elder_id, device_id, hr, spo2, sbp, dbp, temp, rr, steps, glu)
                SELECT now() - interval '30 hours' + (i * interval '5 minutes'), e, 'dev',
                       60 + (i * 7 + e) % 40, CASE WHEN i % 3 = 0 THEN NULL ELSE 90 + i % 10 END,
                       CASE WHEN i % 5 = 0 THEN 110 + i % 30 END, CASE WHEN i % 5 = 0 THEN 70 + i % 20 END,
                       36 + (i % 15) / 10.0, CASE WHEN i % 4 = 0 THEN 12 + i % 8 END,
                       CASE WHEN i % 12 = 0 THEN i * 3 END, CASE WHEN i % 24 = 0 THEN 5.5 + (i % 9) / 10.0 END
                FROM generate_series(0, 30 * 12) i, generate_series(1, 3) e""");

        RollupRefresher.Run run = maintenance.refreshRollups().orElseThrow();

        assertThat(run.newRows()).isEqualTo(jdbc.queryForObject("SELECT count(*) FROM observation", Long.class));
        assertThat(jdbc.queryForList("SELECT DISTINCT code FROM observation_hourly ORDER BY code", String.class))
                .containsExactly("DBP", "GLU", "HR", "RR", "SBP", "SPO2", "STEPS", "TEMP");
        assertMatchesRaw("observation_hourly", "1 hour");
        assertMatchesRaw("observation_daily", "1 day");
    }

    @Test
    void theBulkPathForBackfillsGivesTheSameRollups() {
        maintenance.afterPropertiesSet();
        RollupRefresher bulk = new RollupRefresher(0);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        insert("""
                SELECT now() - interval '20 days' + (i * interval '11 minutes'), e, c, 36 + ((i * 13 + e) % 20) / 10.0
                FROM generate_series(0, 20 * 24 * 60 / 11) i, generate_series(1, 3) e, unnest(ARRAY['TEMP','GLU']) c""");
        tx.execute(status -> bulk.refresh(jdbc, Duration.ZERO));
        insert("SELECT now() - interval '5 days' - (i * interval '1 minute'), 2, 'TEMP', 39.5 FROM generate_series(0, 90) i");
        RollupRefresher.Run late = tx.execute(status -> bulk.refresh(jdbc, Duration.ZERO));

        assertThat(late.newRows()).isEqualTo(91);
        assertMatchesRaw("observation_hourly", "1 hour");
        assertMatchesRaw("observation_daily", "1 day");
    }

    @Test
    void aRowCommittedAfterTheMergePassedItIsCountedByTheSettlingPass() {
        maintenance.afterPropertiesSet();
        RollupRefresher refresher = new RollupRefresher(RollupRefresher.BULK_ROWS, Duration.ZERO, Duration.ZERO);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        insert("SELECT now() - (i * interval '3 minutes'), e, 'HR', 60 + i % 40 FROM generate_series(0, 200) i, generate_series(1, 3) e");
        RollupRefresher.Run first = tx.execute(status -> refresher.refresh(jdbc, Duration.ZERO));
        assertMatchesRaw("observation_hourly", "1 hour");

        // A writer stalled: its row was stamped before the merge mark but commits only now. The
        // merge cannot see it; the settling pass (here trailing the merge by a minute) does.
        jdbc.update("INSERT INTO observation (time, elder_id, device_id, code, value, received_at) VALUES (now() - interval '2 hours', 2, 'dev', 'HR', 199, ?)",
                java.sql.Timestamp.from(first.to().minusSeconds(30)));
        jdbc.update("UPDATE rollup_state SET refreshed_to = refreshed_to - interval '1 minute' WHERE name = ?",
                RollupRefresher.SETTLED_STATE_NAME);
        RollupRefresher.Run second = tx.execute(status -> refresher.refresh(jdbc, Duration.ZERO));

        assertThat(second.newRows()).isZero();
        assertThat(second.hourlyRows()).isPositive();
        assertMatchesRaw("observation_hourly", "1 hour");
        assertMatchesRaw("observation_daily", "1 day");
    }

    @Test
    void bucketsAreTheSameHoursAndDaysAsTimeBucket() {
        maintenance.afterPropertiesSet();
        jdbc.update("INSERT INTO observation (time, elder_id, device_id, code, value) VALUES "
                + "('2026-11-20 23:59:59+00', 1, 'd', 'HR', 70), ('2026-11-21 00:00:00+00', 1, 'd', 'HR', 80), ('2026-11-21 00:30:00+08', 1, 'd', 'HR', 90)");
        maintenance.refreshRollups();
        assertThat(jdbc.queryForList("SELECT to_char(bucket AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' n=' || n FROM observation_hourly ORDER BY bucket", String.class))
                .containsExactly("2026-11-20 16:00 n=1", "2026-11-20 23:00 n=1", "2026-11-21 00:00 n=1");
        assertThat(jdbc.queryForList("SELECT to_char(bucket AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' n=' || n FROM observation_daily ORDER BY bucket", String.class))
                .containsExactly("2026-11-20 00:00 n=2", "2026-11-21 00:00 n=1");
    }

    private void insert(String select) {
        jdbc.update("INSERT INTO observation (time, elder_id, code, value, device_id) SELECT t.*, 'dev' FROM (" + select + ") t");
    }

    private void assertMatchesRaw(String rollup, String width) {
        assertThat(RollupCheck.mismatches(jdbc, rollup, width)).as(rollup + " rows differing from a direct aggregate").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + rollup, Long.class)).isPositive();
    }
}
