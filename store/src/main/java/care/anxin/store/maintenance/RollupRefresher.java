package care.anxin.store.maintenance;

import care.anxin.domain.vital.VitalSign;
import care.anxin.store.ingest.VitalSampleColumns;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps observation_hourly and observation_daily up to date on plain PostgreSQL, incrementally,
 * reading each new observation once: the observations received since the last run (high-water
 * mark of received_at in rollup_state) are aggregated per (elder, code, hour) and merged into the
 * hourly rows (counts and sums add, min/max widen), then every touched day is recomputed from its
 * 24 hourly rows. Late and backfilled readings merge into whichever buckets they belong to.
 * <p>
 * A row committed only after the mark passed its received_at (a writer stalled longer than the
 * safety lag) would be missed by the merge, so a settling pass, once an hour and an hour behind,
 * recomputes from the raw rows the hourly groups touched by what was received in that hour:
 * the rollups are exact again within about two hours whatever happened, and each observation is
 * read about twice in all (before: every hourly run re-read the whole hour and the whole day
 * of every touched series, ever more as the day went on). Buckets are date_bin with the
 * 2000-01-01 UTC origin: the same hours and days as TimescaleDB's time_bucket.
 */
public final class RollupRefresher {

    static final String STATE_NAME = "observation";
    static final String SETTLED_STATE_NAME = "observation_settled";
    private static final String ORIGIN = "TIMESTAMPTZ '2000-01-01 00:00:00+00'";
    /** Open transactions older than this are taken for long reports, not writers, and don't hold the mark back. */
    private static final Duration LONGEST_WRITER = Duration.ofMinutes(5);

    /** Above this many new rows a refresh gets more memory and settles by one scan instead of group by group. */
    static final long BULK_ROWS = 50_000;

    /**
     * The merge aggregates the new samples per column and unpivots only the aggregates (a few rows
     * per elder and hour): unpivoting every sample through the observation view first cost a
     * VALUES list set up per sample, the largest part of the job at 10,000 msg/s.
     */
    private static final String COLUMN_AGGREGATES = Arrays.stream(VitalSign.values())
            .map(VitalSampleColumns::of)
            .map(c -> "count(%1$s) AS %1$s_n, min(%1$s) AS %1$s_min, max(%1$s) AS %1$s_max, avg(%1$s) AS %1$s_avg".formatted(c))
            .collect(Collectors.joining(",\n"));
    private static final String CODE_ROWS = Arrays.stream(VitalSign.values())
            .map(s -> "('%s', a.%2$s_n, a.%2$s_min, a.%2$s_max, a.%2$s_avg)".formatted(s.code(), VitalSampleColumns.of(s)))
            .collect(Collectors.joining(", "));

    private final long bulkRows;
    private final Duration settleLag;
    private final Duration settleEvery;

    public RollupRefresher() {
        this(BULK_ROWS, Duration.ofHours(1), Duration.ofHours(1));
    }

    RollupRefresher(long bulkRows) {
        this(bulkRows, Duration.ofHours(1), Duration.ofHours(1));
    }

    /**
     * @param settleLag   how far behind the merge mark the settling pass stays (rows stalled longer are not healed)
     * @param settleEvery how much received time the settling pass waits to gather before it runs
     */
    RollupRefresher(long bulkRows, Duration settleLag, Duration settleEvery) {
        this.bulkRows = bulkRows;
        this.settleLag = settleLag;
        this.settleEvery = settleEvery;
    }

    /**
     * What one refresh did: the received_at window it merged, the new observations in it, the
     * hourly rows it merged or settled and the daily rows it recomputed.
     */
    public record Run(Instant from, Instant to, long newRows, int hourlyRows, int dailyRows, Duration took) {
    }

    /**
     * Merges the rows received after the stored mark and up to a safe upper bound into both
     * rollups, settles an older window when one is due, in the caller's transaction (the marks
     * move only with the rollup rows).
     */
    public Run refresh(JdbcTemplate jdbc, Duration safetyLag) {
        long started = System.nanoTime();
        Instant from = mark(jdbc, STATE_NAME, Instant.EPOCH.minus(Duration.ofDays(365 * 30)));
        // Rows are stamped received_at by their writer before their transaction commits: stay below
        // the start of every writer still open, minus a lag for client-side stamping.
        Instant to = jdbc.queryForObject("""
                SELECT least(now(), coalesce((SELECT min(xact_start) FROM pg_stat_activity
                                              WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'
                                                AND datname = current_database() AND xact_start > now() - ?::interval), now()))
                       - ?::interval""", Timestamp.class,
                LONGEST_WRITER.toSeconds() + " seconds", safetyLag.toMillis() + " milliseconds").toInstant();
        if (!to.isAfter(from)) {
            return new Run(from, from, 0, 0, 0, Duration.ofNanos(System.nanoTime() - started));
        }
        // Hash aggregates of a backfill stay in memory; a steady 10,000 msg/s brings over a million rows per run.
        jdbc.execute("SET LOCAL work_mem = '256MB'");
        Merged merged = mergeHourly(jdbc, from, to);
        long newRows = merged.rows();
        int hourly = merged.hourlyRows();
        int daily = recomputeDays(jdbc, merged);
        // A settled mark starts where merging is, the first time: rows before were aggregated exactly already.
        Instant settledFrom = mark(jdbc, SETTLED_STATE_NAME, from);
        Instant settleTo = to.minus(settleLag);
        if (!settleTo.isBefore(settledFrom.plus(settleEvery))) {
            hourly += settleHourly(jdbc, settledFrom, settleTo, to, newRows > bulkRows);
            daily += recomputeDays(jdbc, settledFrom, settleTo);
            saveMark(jdbc, SETTLED_STATE_NAME, settleTo);
        }
        saveMark(jdbc, STATE_NAME, to);
        return new Run(from, to, newRows, hourly, daily, Duration.ofNanos(System.nanoTime() - started));
    }

    private static Instant mark(JdbcTemplate jdbc, String name, Instant absent) {
        return jdbc.query("SELECT refreshed_to FROM rollup_state WHERE name = ? FOR UPDATE",
                rs -> rs.next() ? rs.getTimestamp(1).toInstant() : absent, name);
    }

    private static void saveMark(JdbcTemplate jdbc, String name, Instant to) {
        jdbc.update("INSERT INTO rollup_state (name, refreshed_to) VALUES (?, ?) "
                + "ON CONFLICT (name) DO UPDATE SET refreshed_to = EXCLUDED.refreshed_to", name, Timestamp.from(to));
    }

    private static String bucket(String width, String alias) {
        return "date_bin(INTERVAL '" + width + "', " + alias + ", " + ORIGIN + ")";
    }

    /** What a merge touched: series-days (elder, code, day start in epoch seconds), hourly rows merged, new rows read. */
    private record Merged(List<Long> elders, List<String> codes, List<Long> days, int hourlyRows, long rows) {
    }

    /**
     * The only pass over the new rows: their per-hour aggregates added to the hourly rows, and the
     * series-days they touched returned from the same aggregate (before, the new rows were read
     * three times per run: counted, merged, and scanned again for the touched days).
     */
    private static Merged mergeHourly(JdbcTemplate jdbc, Instant from, Instant to) {
        List<Long> elders = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        List<Long> days = new ArrayList<>();
        long[] totals = new long[2]; // hourly rows, new rows
        jdbc.query("""
                WITH agg AS MATERIALIZED (
                    SELECT a.bucket, a.elder_id, v.code, v.n, v.min_value, v.max_value, v.avg_value
                    FROM (SELECT %s AS bucket, elder_id, %s
                          FROM vital_sample WHERE received_at > ? AND received_at <= ?
                          GROUP BY 1, 2) a
                    CROSS JOIN LATERAL (VALUES %s) AS v(code, n, min_value, max_value, avg_value)
                    WHERE v.n > 0),
                merged AS (
                    INSERT INTO observation_hourly AS h (bucket, elder_id, code, n, min_value, max_value, avg_value)
                    SELECT bucket, elder_id, code, n, min_value, max_value, avg_value FROM agg
                    ON CONFLICT (elder_id, code, bucket) DO UPDATE
                    SET n = h.n + EXCLUDED.n, min_value = least(h.min_value, EXCLUDED.min_value),
                        max_value = greatest(h.max_value, EXCLUDED.max_value),
                        avg_value = (h.avg_value * h.n + EXCLUDED.avg_value * EXCLUDED.n) / (h.n + EXCLUDED.n))
                SELECT elder_id, code, extract(epoch FROM %s)::int8, count(*), sum(n)
                FROM agg GROUP BY 1, 2, 3""".formatted(bucket("1 hour", "time"), COLUMN_AGGREGATES, CODE_ROWS,
                        bucket("1 day", "bucket")),
                rs -> {
                    elders.add(rs.getLong(1));
                    codes.add(rs.getString(2));
                    days.add(rs.getLong(3));
                    totals[0] += rs.getLong(4);
                    totals[1] += rs.getLong(5);
                }, Timestamp.from(from), Timestamp.from(to));
        return new Merged(elders, codes, days, Math.toIntExact(totals[0]), totals[1]);
    }

    /**
     * Recomputes from the raw rows the hourly groups touched by rows received in (from, to],
     * counting every row received up to {@code mergedTo} (what the merge has covered), so a row
     * the merge missed is counted now and none twice.
     */
    private static int settleHourly(JdbcTemplate jdbc, Instant from, Instant to, Instant mergedTo, boolean bulk) {
        String touched = """
                WITH touched AS MATERIALIZED (
                    SELECT DISTINCT elder_id, code, %s AS bucket
                    FROM observation n WHERE n.received_at > ? AND n.received_at <= ?)
                """.formatted(bucket("1 hour", "n.time"));
        String select = bulk
                // A large window: one pass over its time span for the touched series.
                ? """
                  SELECT %s, o.elder_id, o.code, count(*), min(o.value), max(o.value), avg(o.value)
                  FROM observation o
                  WHERE o.time >= (SELECT min(bucket) FROM touched)
                    AND o.time < (SELECT max(bucket) FROM touched) + INTERVAL '1 hour'
                    AND (o.elder_id, o.code, %s) IN (SELECT elder_id, code, bucket FROM touched)
                    AND o.received_at <= ?
                  GROUP BY 1, 2, 3
                  """.formatted(bucket("1 hour", "o.time"), bucket("1 hour", "o.time"))
                // Each touched group read through (elder_id, code, time).
                : """
                  SELECT t.bucket, t.elder_id, t.code, count(*), min(o.value), max(o.value), avg(o.value)
                  FROM touched t
                  JOIN observation o ON o.elder_id = t.elder_id AND o.code = t.code
                       AND o.time >= t.bucket AND o.time < t.bucket + INTERVAL '1 hour'
                  WHERE o.received_at <= ?
                  GROUP BY t.bucket, t.elder_id, t.code
                  """;
        return jdbc.update(touched + "INSERT INTO observation_hourly (bucket, elder_id, code, n, min_value, max_value, avg_value)\n"
                + select + """
                ON CONFLICT (elder_id, code, bucket) DO UPDATE
                SET n = EXCLUDED.n, min_value = EXCLUDED.min_value, max_value = EXCLUDED.max_value,
                    avg_value = EXCLUDED.avg_value""", Timestamp.from(from), Timestamp.from(to), Timestamp.from(mergedTo));
    }

    /** Days touched by rows received in (from, to], recomputed from their hourly rows (24 per series and day). */
    private static int recomputeDays(JdbcTemplate jdbc, Instant from, Instant to) {
        return jdbc.update("""
                WITH touched AS MATERIALIZED (
                    SELECT DISTINCT elder_id, code, %s AS day
                    FROM observation n WHERE n.received_at > ? AND n.received_at <= ?)
                """.formatted(bucket("1 day", "n.time")) + DAYS_FROM_HOURLY, Timestamp.from(from), Timestamp.from(to));
    }

    /** The days a merge touched, recomputed from their hourly rows. */
    private static int recomputeDays(JdbcTemplate jdbc, Merged merged) {
        if (merged.days().isEmpty()) {
            return 0;
        }
        return jdbc.update("""
                WITH touched AS (
                    SELECT elder_id, code, to_timestamp(day) AS day
                    FROM unnest(?::int8[], ?::text[], ?::int8[]) AS t(elder_id, code, day))
                """ + DAYS_FROM_HOURLY, ps -> {
            var c = ps.getConnection();
            ps.setArray(1, c.createArrayOf("int8", merged.elders().toArray()));
            ps.setArray(2, c.createArrayOf("text", merged.codes().toArray()));
            ps.setArray(3, c.createArrayOf("int8", merged.days().toArray()));
        });
    }

    private static final String DAYS_FROM_HOURLY = """
            INSERT INTO observation_daily (bucket, elder_id, code, n, min_value, max_value, avg_value)
            SELECT t.day, t.elder_id, t.code, sum(h.n), min(h.min_value), max(h.max_value), sum(h.avg_value * h.n) / sum(h.n)
            FROM touched t
            JOIN observation_hourly h ON h.elder_id = t.elder_id AND h.code = t.code
                 AND h.bucket >= t.day AND h.bucket < t.day + INTERVAL '1 day'
            GROUP BY t.day, t.elder_id, t.code
            ON CONFLICT (elder_id, code, bucket) DO UPDATE
            SET n = EXCLUDED.n, min_value = EXCLUDED.min_value, max_value = EXCLUDED.max_value,
                avg_value = EXCLUDED.avg_value""";
}
