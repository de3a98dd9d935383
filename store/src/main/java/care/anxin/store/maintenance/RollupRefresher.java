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

    /** What one refresh did: the received_at window it covered and the rollup rows it wrote. */
    public record Run(Instant from, Instant to, int hourlyRows, int dailyRows, Duration took) {
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
            return new Run(from, from, 0, 0, Duration.ofNanos(System.nanoTime() - started));
        }
        int hourly = recompute(jdbc, "observation_hourly", "1 hour", from, to);
        int daily = recompute(jdbc, "observation_daily", "1 day", from, to);
        jdbc.update("INSERT INTO rollup_state (name, refreshed_to) VALUES (?, ?) "
                + "ON CONFLICT (name) DO UPDATE SET refreshed_to = EXCLUDED.refreshed_to", STATE_NAME, Timestamp.from(to));
        return new Run(from, to, hourly, daily, Duration.ofNanos(System.nanoTime() - started));
    }

    private static int recompute(JdbcTemplate jdbc, String rollup, String width, Instant from, Instant to) {
        String bucket = "date_bin(INTERVAL '" + width + "', %s.time, " + ORIGIN + ")";
        // The range predicate lets the planner use (elder_id, code, time) per group; the bucket equality
        // lets it hash-join instead when a backfill touches most of the table.
        return jdbc.update("""
                WITH touched AS (
                    SELECT DISTINCT elder_id, code, %s AS bucket
                    FROM observation n WHERE n.received_at > ? AND n.received_at <= ?)
                INSERT INTO %s (bucket, elder_id, code, n, min_value, max_value, avg_value)
                SELECT t.bucket, t.elder_id, t.code, count(*), min(o.value), max(o.value), avg(o.value)
                FROM touched t
                JOIN observation o ON o.elder_id = t.elder_id AND o.code = t.code
                     AND o.time >= t.bucket AND o.time < t.bucket + INTERVAL '%s' AND %s = t.bucket
                GROUP BY t.bucket, t.elder_id, t.code
                ON CONFLICT (elder_id, code, bucket) DO UPDATE
                SET n = EXCLUDED.n, min_value = EXCLUDED.min_value, max_value = EXCLUDED.max_value,
                    avg_value = EXCLUDED.avg_value
                """.formatted(bucket.formatted("n"), rollup, width, bucket.formatted("o")),
                Timestamp.from(from), Timestamp.from(to));
    }
}
