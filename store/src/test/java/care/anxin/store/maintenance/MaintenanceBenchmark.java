package care.anxin.store.maintenance;

import care.anxin.store.schema.DatabaseMode;
import care.anxin.store.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Measures what docs/decisions.md reports for plain PostgreSQL: daily vs weekly partitions over a
 * full 400-day retention (partition creation, ingest, trend query latency) and rollup refresh
 * times. Not a test; run by hand on the embedded PostgreSQL:
 * {@code java -cp <store test classpath> care.anxin.store.maintenance.MaintenanceBenchmark [elders] [all|layouts|rollups]}.
 */
public final class MaintenanceBenchmark {

    private static final String[] CODES = {"HR", "SPO2", "SBP", "DBP", "TEMP", "RR", "STEPS", "GLU"};

    public static void main(String[] args) throws Exception {
        int elders = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        String what = args.length > 1 ? args[1] : "all";
        if (!what.equals("rollups")) {
            for (Duration width : new Duration[] {Duration.ofDays(1), PartitionManager.WEEKLY}) {
                layout(width, elders);
            }
        }
        if (!what.equals("layouts")) {
            rollups(elders);
        }
        System.exit(0);
    }

    /** 90 days of history, one reading per elder and code every 30 minutes. */
    private static long loadHistory(JdbcTemplate jdbc, int elders) {
        return jdbc.update("""
                INSERT INTO observation (time, elder_id, device_id, code, value)
                SELECT now() - interval '90 days' + i * interval '30 minutes', e, 'dev-' || e, c, 50 + (i * 31 + e) % 60
                FROM generate_series(0, 90 * 48) i, generate_series(1, ?) e, unnest(?::text[]) c""", elders, CODES);
    }

    private static void layout(Duration width, int elders) throws Exception {
        DataSource ds = TestDatabase.newMigratedDataSource();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        Instant now = Instant.now();
        long t0 = System.nanoTime();
        PartitionManager pm = new PartitionManager(width);
        var report = pm.maintain(jdbc, tx, "vital_sample", now.minus(Duration.ofDays(400)), now.plus(Duration.ofDays(7)), now,
                Duration.ofDays(400));
        long createMs = ms(t0);
        t0 = System.nanoTime();
        long rows = loadHistory(jdbc, elders);
        long loadMs = ms(t0);
        jdbc.execute("ANALYZE vital_sample");

        Random random = new Random(42);
        long[] insertMicros = new long[200];
        long[] dayMicros = new long[300];
        long[] weekMicros = new long[300];
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO observation (time, elder_id, device_id, code, value) VALUES (?, ?, 'dev', ?, ?)")) {
                for (int i = 0; i < insertMicros.length; i++) {
                    long s = System.nanoTime();
                    for (int k = 0; k < 50; k++) { // a group commit of 50 readings
                        ins.setTimestamp(1, Timestamp.from(now.minusSeconds(random.nextInt(600))));
                        ins.setLong(2, 1 + random.nextInt(elders));
                        ins.setString(3, CODES[random.nextInt(CODES.length)]);
                        ins.setDouble(4, 70);
                        ins.addBatch();
                    }
                    ins.executeBatch();
                    c.commit();
                    insertMicros[i] = (System.nanoTime() - s) / 1000;
                }
            }
            c.setAutoCommit(true);
            String trend = "SELECT date_bin(?::interval, time, TIMESTAMPTZ '2000-01-01 00:00:00+00') b, count(*), min(value), max(value), avg(value) "
                    + "FROM observation WHERE elder_id = ? AND code = ? AND time >= ? AND time < ? GROUP BY 1 ORDER BY 1";
            try (PreparedStatement q = c.prepareStatement(trend)) {
                query(q, random, elders, now, Duration.ofHours(24), "5 minutes", dayMicros);
                query(q, random, elders, now, Duration.ofDays(7), "1 hour", weekMicros);
            }
        }
        System.out.printf("partitions=%s width=%s: %d partitions created in %d ms; bulk load %d rows in %d ms (%.0f rows/s); "
                        + "group commit of 50 rows p50 %.2f ms p95 %.2f ms; trend 24h p50 %.2f ms p95 %.2f ms; trend 7d p50 %.2f ms p95 %.2f ms%n",
                width.toDays() == 1 ? "daily" : "weekly", width, report.created().size(), createMs, rows, loadMs, rows * 1000.0 / loadMs,
                pct(insertMicros, 50), pct(insertMicros, 95), pct(dayMicros, 50), pct(dayMicros, 95), pct(weekMicros, 50), pct(weekMicros, 95));
    }

    private static void query(PreparedStatement q, Random random, int elders, Instant now, Duration range, String bucket,
                              long[] micros) throws Exception {
        for (int i = 0; i < micros.length; i++) {
            long s = System.nanoTime();
            q.setString(1, bucket);
            q.setLong(2, 1 + random.nextInt(elders));
            q.setString(3, CODES[random.nextInt(CODES.length)]);
            q.setTimestamp(4, Timestamp.from(now.minus(range)));
            q.setTimestamp(5, Timestamp.from(now));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rs.getDouble(5);
                }
            }
            micros[i] = (System.nanoTime() - s) / 1000;
        }
    }

    private static void rollups(int elders) {
        DataSource ds = TestDatabase.newMigratedDataSource();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        StoreMaintenance maintenance = new StoreMaintenance(ds, DatabaseMode.PLAIN, RollupRefresherTest.noLag());
        maintenance.afterPropertiesSet();
        long rows = loadHistory(jdbc, elders);
        jdbc.execute("ANALYZE vital_sample");
        RollupRefresher.Run full = maintenance.refreshRollups().orElseThrow();
        System.out.printf("rollups: first refresh over %d rows (90-day backfill): %d hourly + %d daily rows in %d ms%n",
                rows, full.hourlyRows(), full.dailyRows(), full.took().toMillis());
        // One minute of live ingest: every elder sends every code twice.
        long live = jdbc.update("""
                INSERT INTO observation (time, elder_id, device_id, code, value)
                SELECT now() - k * interval '30 seconds', e, 'dev', c, 70 FROM generate_series(1, ?) e, unnest(?::text[]) c, generate_series(0, 1) k""",
                elders, CODES);
        RollupRefresher.Run inc = maintenance.refreshRollups().orElseThrow();
        System.out.printf("rollups: incremental refresh after %d new rows: %d hourly + %d daily rows in %d ms%n",
                live, inc.hourlyRows(), inc.dailyRows(), inc.took().toMillis());
        long late = jdbc.update("""
                INSERT INTO observation (time, elder_id, device_id, code, value)
                SELECT now() - (i * 37 % (30 * 24)) * interval '1 hour', 1 + i % ?, 'dev', 'HR', 99 FROM generate_series(1, 1000) i""", elders);
        RollupRefresher.Run lateRun = maintenance.refreshRollups().orElseThrow();
        System.out.printf("rollups: refresh after %d late rows scattered over 30 days: %d hourly + %d daily rows in %d ms%n",
                late, lateRun.hourlyRows(), lateRun.dailyRows(), lateRun.took().toMillis());
        RollupRefresher.Run idle = maintenance.refreshRollups().orElseThrow();
        System.out.printf("rollups: idle refresh (nothing new) in %d ms%n", idle.took().toMillis());
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static double pct(long[] micros, int p) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1000.0;
    }
}
