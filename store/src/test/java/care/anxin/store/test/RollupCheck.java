package care.anxin.store.test;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Compares a rollup (plain-PostgreSQL table or TimescaleDB continuous aggregate) with a direct
 * aggregate over the raw observations, bucket by bucket.
 */
public final class RollupCheck {

    private RollupCheck() {
    }

    /** Number of (bucket, elder, code) groups where the rollup and the raw aggregate differ or one is missing. */
    public static long mismatches(JdbcTemplate jdbc, String rollup, String width) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM (
                    SELECT date_bin(INTERVAL '%s', time, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket, elder_id, code,
                           count(*) AS n, min(value) AS mn, max(value) AS mx, avg(value) AS av
                    FROM observation GROUP BY 1, 2, 3) d
                FULL JOIN %s r ON r.bucket = d.bucket AND r.elder_id = d.elder_id AND r.code = d.code
                WHERE r.bucket IS NULL OR d.bucket IS NULL OR r.n <> d.n OR r.min_value <> d.mn OR r.max_value <> d.mx
                   OR abs(r.avg_value - d.av) > 1e-9""".formatted(width, rollup), Long.class);
    }

    /** Column names and types of a relation, in order, e.g. "n bigint". */
    public static java.util.List<String> columns(JdbcTemplate jdbc, String relation) {
        return jdbc.queryForList("SELECT column_name || ' ' || data_type FROM information_schema.columns "
                + "WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position", String.class, relation);
    }
}
