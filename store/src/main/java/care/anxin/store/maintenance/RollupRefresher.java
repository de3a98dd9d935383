package care.anxin.store.maintenance;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps observation_hourly and observation_daily up to date on plain PostgreSQL, incrementally:
 * every observation received since the last run (high-water mark of received_at in rollup_state)
 * marks its (elder, code, bucket) groups, and each marked group is recomputed from the raw rows,
 * so late and backfilled readings re-aggregate exactly the buckets they touch. Buckets are
 * date_bin with the 2000-01-01 UTC origin: the same hours and days as TimescaleDB's time_bucket.
 */
public final class RollupRefresher {

    static final String STATE_NAME = "observation";
    private static final String ORIGIN = "TIMESTAMPTZ '2000-01-01 00:00:00+00'";
    /** Open transactions older than this are taken for long reports, not writers, and don't hold the mark back. */
    private static final Duration LONGEST_WRITER = Duration.ofMinutes(5);

    /** Above this many new rows a refresh scans the touched time span once instead of probing group by group. */
    static final long BULK_ROWS = 50_000;

    private final long bulkRows;

    public RollupRefresher() {
        this(BULK_ROWS);
    }

    RollupRefresher(long bulkRows) {
        this.bulkRows = bulkRows;
    }

    /** What one refresh did: the received_at window it covered, the new observations in it and the rollup rows it wrote. */
    public record Run(Instant from, Instant to, long newRows, int hourlyRows, int dailyRows, Duration took) {
    }

    /**
     * Refreshes both rollups for rows received after the stored mark and up to a safe upper
     * bound, in the caller's transaction (the mark moves only with the rollup rows).
     */
    public Run refresh(JdbcTemplate jdbc, Duration safetyLag) {
        long started = System.nanoTime();
        Instant from = jdbc.query("SELECT refreshed_to FROM rollup_state WHERE name = ? FOR UPDATE",
                rs -> rs.next() ? rs.getTimestamp(1).toInstant() : Instant.EPOCH.minus(Duration.ofDays(365 * 30)), STATE_NAME);
        // Rows are stamped received_at = now() of their own transaction, which may commit after we read:
        // stay below the start of every writer still open, minus a lag for client-side stamping.
        Instant to = jdbc.queryForObject("""
                SELECT least(now(), coalesce((SELECT min(xact_start) FROM pg_stat_activity
                                              WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'
                                                AND datname = current_database() AND xact_start > now() - ?::interval), now()))
                       - ?::interval""", Timestamp.class,
                LONGEST_WRITER.toSeconds() + " seconds", safetyLag.toMillis() + " milliseconds").toInstant();
        if (!to.isAfter(from)) {
            return new Run(from, from, 0, 0, 0, Duration.ofNanos(System.nanoTime() - started));
        }
        long newRows = jdbc.queryForObject("SELECT count(*) FROM observation WHERE received_at > ? AND received_at <= ?",
                Long.class, Timestamp.from(from), Timestamp.from(to));
        boolean bulk = newRows > bulkRows;
        if (bulk) {
            jdbc.execute("SET LOCAL work_mem = '256MB'"); // hash aggregates of a backfill stay in memory
        }
        int hourly = recompute(jdbc, "observation_hourly", "1 hour", from, to, bulk);
        int daily = recompute(jdbc, "observation_daily", "1 day", from, to, bulk);
        jdbc.update("INSERT INTO rollup_state (name, refreshed_to) VALUES (?, ?) "
                + "ON CONFLICT (name) DO UPDATE SET refreshed_to = EXCLUDED.refreshed_to", STATE_NAME, Timestamp.from(to));
        return new Run(from, to, newRows, hourly, daily, Duration.ofNanos(System.nanoTime() - started));
    }

    private static int recompute(JdbcTemplate jdbc, String rollup, String width, Instant from, Instant to, boolean bulk) {
        String bucket = "date_bin(INTERVAL '" + width + "', %s.time, " + ORIGIN + ")";
        String touched = """
                WITH touched AS MATERIALIZED (
                    SELECT DISTINCT elder_id, code, %s AS bucket
                    FROM observation n WHERE n.received_at > ? AND n.received_at <= ?)
                """.formatted(bucket.formatted("n"));
        String upsert = """
                ON CONFLICT (elder_id, code, bucket) DO UPDATE
                SET n = EXCLUDED.n, min_value = EXCLUDED.min_value, max_value = EXCLUDED.max_value,
                    avg_value = EXCLUDED.avg_value""";
        String select = bulk
                // Backfills: one pass over the touched time span for the touched series; the untouched
                // buckets it recomputes come out unchanged, and it avoids probing millions of groups.
                ? """
                  SELECT %1$s, o.elder_id, o.code, count(*), min(o.value), max(o.value), avg(o.value)
                  FROM observation o
                  WHERE o.time >= (SELECT min(bucket) FROM touched)
                    AND o.time < (SELECT max(bucket) FROM touched) + INTERVAL '%2$s'
                    AND (o.elder_id, o.code) IN (SELECT DISTINCT elder_id, code FROM touched)
                  GROUP BY 1, 2, 3
                  """.formatted(bucket.formatted("o"), width)
                // Live ingest and scattered late rows: each touched group read through (elder_id, code, time).
                : """
                  SELECT t.bucket, t.elder_id, t.code, count(*), min(o.value), max(o.value), avg(o.value)
                  FROM touched t
                  JOIN observation o ON o.elder_id = t.elder_id AND o.code = t.code
                       AND o.time >= t.bucket AND o.time < t.bucket + INTERVAL '%s'
                  GROUP BY t.bucket, t.elder_id, t.code
                  """.formatted(width);
        return jdbc.update(touched + "INSERT INTO " + rollup + " (bucket, elder_id, code, n, min_value, max_value, avg_value)\n"
                + select + upsert, Timestamp.from(from), Timestamp.from(to));
    }
}
