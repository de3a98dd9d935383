package care.anxin.store.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.store.schema.DatabaseMode;
import care.anxin.store.test.TestDatabase;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class PartitionMaintenanceTest {

    private final DataSource ds = TestDatabase.newMigratedDataSource();
    private final JdbcTemplate jdbc = new JdbcTemplate(ds);
    private final Instant now = Instant.now();

    private StoreMaintenance maintenanceAt(Instant at) {
        return new StoreMaintenance(ds, DatabaseMode.PLAIN, MaintenanceProperties.defaults(), Clock.fixed(at, ZoneOffset.UTC));
    }

    @Test
    void startupCreatesWeeklyPartitionsBehindAndAheadAndRowsLandInThem() {
        maintenanceAt(now).afterPropertiesSet();

        // [now - 100 days, now + 7 days] in Monday-aligned weeks: 16 or 17 of them.
        assertThat(partitions("vital_sample")).hasSizeBetween(16, 17);
        assertThat(partitions("location")).hasSizeBetween(16, 17);
        for (Instant t : List.of(now, now.minus(Duration.ofDays(45)), now.minus(Duration.ofDays(99)), now.plus(Duration.ofDays(6)))) {
            insertObservation(1, "HR", 70, t);
            insertLocation(1, t);
        }
        assertThat(jdbc.queryForList("SELECT DISTINCT tableoid::regclass::text FROM vital_sample", String.class))
                .hasSizeGreaterThanOrEqualTo(3).allSatisfy(p -> assertThat(p).matches("vital_sample_p\\d{8}"));
        assertThat(count("vital_sample_default")).isZero();
        assertThat(count("location_default")).isZero();
        String weekOfNow = jdbc.queryForObject("SELECT tableoid::regclass::text FROM vital_sample WHERE time = ?", String.class, Timestamp.from(now));
        Instant monday = now.atZone(ZoneOffset.UTC).toLocalDate()
                .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)).atStartOfDay(ZoneOffset.UTC).toInstant();
        assertThat(weekOfNow).isEqualTo("vital_sample_p" + monday.toString().substring(0, 10).replace("-", ""));
    }

    @Test
    void backfillOlderThanThePartitionsWaitsInDefaultAndMovesIntoItsNewPartition() {
        maintenanceAt(now).afterPropertiesSet();
        Instant old = now.minus(Duration.ofDays(200));
        for (int i = 0; i < 50; i++) {
            insertObservation(7, "SPO2", 90 + i % 8, old.plus(i, ChronoUnit.HOURS));
        }
        insertLocation(7, old);
        assertThat(count("vital_sample_default")).isEqualTo(50);

        var reports = maintenanceAt(now).maintainPartitions().orElseThrow();

        assertThat(count("vital_sample_default")).isZero();
        assertThat(count("location_default")).isZero();
        assertThat(count("observation")).isEqualTo(50);
        assertThat(reports.get(0).rowsMovedFromDefault()).isEqualTo(50);
        assertThat(reports.get(0).created()).hasSizeBetween(1, 2).allSatisfy(p -> assertThat(partitions("vital_sample")).contains(p));
        assertThat(jdbc.queryForObject("SELECT sum(value) FROM observation WHERE elder_id = 7", Double.class))
                .isEqualTo(jdbc.queryForObject("SELECT sum(90 + i % 8) FROM generate_series(0, 49) i", Double.class));
        // New rows of that old range now go straight to the partition.
        insertObservation(7, "SPO2", 95, old.plus(1, ChronoUnit.MINUTES));
        assertThat(count("vital_sample_default")).isZero();
    }

    @Test
    void retentionDropsWholeExpiredPartitionsOnly() {
        Instant longAgo = now.minus(Duration.ofDays(520));
        maintenanceAt(longAgo).afterPropertiesSet(); // partitions around 520 days ago
        insertObservation(3, "HR", 60, longAgo);                       // beyond 400 days: expires
        insertLocation(3, now.minus(Duration.ofDays(300)));            // location beyond 180 days: expires (via DEFAULT)
        insertObservation(3, "HR", 61, now.minus(Duration.ofDays(300))); // kept (observation retention 400 days)
        jdbc.update("INSERT INTO observation_hourly VALUES (?, 3, 'HR', 1, 60, 60, 60)", Timestamp.from(longAgo.truncatedTo(ChronoUnit.HOURS)));
        jdbc.update("INSERT INTO observation_daily VALUES (?, 3, 'HR', 1, 60, 60, 60)", Timestamp.from(longAgo.truncatedTo(ChronoUnit.DAYS)));
        List<String> before = partitions("vital_sample");

        var reports = maintenanceAt(now).maintainPartitions().orElseThrow();

        assertThat(reports.get(0).dropped()).isNotEmpty().allSatisfy(p -> assertThat(before).contains(p));
        assertThat(partitions("vital_sample")).doesNotContainAnyElementsOf(reports.get(0).dropped());
        assertThat(jdbc.queryForList("SELECT value FROM observation", Double.class)).containsExactly(61.0);
        assertThat(count("location")).isZero();
        assertThat(partitions("location")).allSatisfy(p ->
                assertThat(p.compareTo("location_p" + now.minus(Duration.ofDays(188)).toString().substring(0, 10).replace("-", ""))).isPositive());
        assertThat(count("observation_hourly")).isZero();
        assertThat(count("observation_daily")).isEqualTo(1);
    }

    @Test
    void deduplicationKeysLiveInWeeklyPartitionsByMessageTimeAndExpireByPartition() {
        maintenanceAt(now).afterPropertiesSet();
        // Partitions cover the retained week(s) and the week ahead only: keys are kept 7-14 days.
        assertThat(partitions("message_dedup")).hasSizeBetween(2, 3);
        insertKey("fresh", now);
        insertKey("farPast", now.minus(Duration.ofDays(60)));  // a device clock 2 months behind: waits in DEFAULT
        assertThat(count("message_dedup_default")).isEqualTo(1);
        List<String> before = partitions("message_dedup");

        var reports = maintenanceAt(now.plus(Duration.ofDays(15))).maintainPartitions().orElseThrow();

        var dedup = reports.get(2);
        assertThat(dedup.table()).isEqualTo("message_dedup");
        assertThat(dedup.dropped()).isNotEmpty().allSatisfy(p -> assertThat(before).contains(p));
        assertThat(dedup.expiredDefaultRows()).isEqualTo(1);
        assertThat(count("message_dedup")).isZero();
    }

    @Test
    void onTimescaleDbLeavesEverythingToItsPolicies() {
        insertKey("old", now.minus(Duration.ofDays(30)));
        StoreMaintenance timescale = new StoreMaintenance(ds, DatabaseMode.TIMESCALE, MaintenanceProperties.defaults());
        timescale.afterPropertiesSet();
        assertThat(timescale.maintainPartitions().orElseThrow()).isEmpty();
        assertThat(timescale.refreshRollups()).isEmpty();
        assertThat(partitions("vital_sample")).isEmpty();
        assertThat(count("message_dedup")).isEqualTo(1); // dropped by TimescaleDB's retention policy there, not by us
    }

    private void insertKey(String msgId, Instant time) {
        jdbc.update("INSERT INTO message_dedup (time, digest, received_at, device_id, msg_id) VALUES (?, ?, now(), 'd1', ?)",
                Timestamp.from(time), (long) msgId.hashCode(), msgId);
    }

    @Test
    void aDatabaseWithoutTheSchemaIsLeftAlone() {
        StoreMaintenance unmigrated = new StoreMaintenance(TestDatabase.newEmptyDataSource(), DatabaseMode.PLAIN,
                MaintenanceProperties.defaults());
        unmigrated.afterPropertiesSet();
        assertThat(unmigrated.maintainPartitions().orElseThrow()).isEmpty();
        assertThat(unmigrated.refreshRollups()).isEmpty();
    }

    private List<String> partitions(String table) {
        return jdbc.queryForList("SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "WHERE i.inhparent = ?::regclass AND c.relname NOT LIKE '%default' ORDER BY 1", String.class, table);
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }

    private void insertObservation(long elder, String code, double value, Instant time) {
        jdbc.update("INSERT INTO observation (time, elder_id, device_id, code, value) VALUES (?, ?, 'dev', ?, ?)",
                Timestamp.from(time), elder, code, value);
    }

    private void insertLocation(long elder, Instant time) {
        jdbc.update("INSERT INTO location (time, elder_id, device_id, lat, lon) VALUES (?, ?, 'dev', 31.2, 121.5)",
                Timestamp.from(time), elder);
    }
}
