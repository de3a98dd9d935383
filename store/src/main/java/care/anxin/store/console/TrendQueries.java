package care.anxin.store.console;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Vital-sign trends of one elder: min/avg/max/n per bucket, from the hourly rollup where it is up
 * to date and from raw observations for the rest. Portable SQL (date_bin) for both modes:
 * on TimescaleDB observation_hourly is a real-time continuous aggregate (complete by itself);
 * on plain PostgreSQL the rollup holds every row received up to rollup_state's mark, so adding the
 * raw rows received after the mark gives every reading exactly once. Callers check the scope.
 */
public class TrendQueries {

    /** rollup_state row kept by the store's rollup job on plain PostgreSQL. */
    private static final String ROLLUP_STATE = "observation";
    /** Rows received after the mark but timed earlier than this before it wait for the next rollup run. */
    private static final Duration LATE_ROW_WINDOW = Duration.ofDays(2);

    public record TrendPoint(Instant t, double min, double avg, double max, long n) {
    }

    public record Incident(long id, String kind, String severity, Instant openedAt) {
    }

    /** Where the data comes from: rollups (with a raw tail after the mark) or raw rows only. */
    public enum Source { ROLLUP, RAW }

    private final NamedParameterJdbcTemplate jdbc;
    private final boolean realTimeAggregates;

    /**
     * @param realTimeAggregates true on TimescaleDB, whose continuous aggregate already includes
     *                           the newest rows
     */
    public TrendQueries(NamedParameterJdbcTemplate jdbc, boolean realTimeAggregates) {
        this.jdbc = jdbc;
        this.realTimeAggregates = realTimeAggregates;
    }

    /**
     * Points per code in [from, to), bucketed with date_bin(bucket, t, origin). A bucket from
     * rollups must be a whole number of hours and the origin on a whole hour.
     */
    public Map<String, List<TrendPoint>> series(long elderId, List<String> codes, Instant from, Instant to,
                                                Duration bucket, Instant origin, Source source) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("elder", elderId).addValue("codes", codes.toArray(String[]::new))
                .addValue("from", Timestamp.from(from)).addValue("to", Timestamp.from(to))
                .addValue("bucket", bucket.toSeconds() + " seconds").addValue("origin", Timestamp.from(origin));
        String raw = """
                SELECT code, date_bin(CAST(:bucket AS interval), time, :origin) AS t,
                       count(*) AS n, min(value) AS lo, max(value) AS hi, avg(value) AS mean
                FROM observation
                WHERE elder_id = :elder AND code = ANY(:codes) AND time >= :from AND time < :to %s
                GROUP BY 1, 2
                """;
        String sql;
        if (source == Source.RAW) {
            sql = raw.formatted("");
        } else {
            String rollup = """
                    SELECT code, date_bin(CAST(:bucket AS interval), bucket, :origin) AS t,
                           n, min_value AS lo, max_value AS hi, avg_value AS mean
                    FROM observation_hourly
                    WHERE elder_id = :elder AND code = ANY(:codes) AND bucket >= :from AND bucket < :to
                    """;
            Optional<Instant> mark = realTimeAggregates ? Optional.empty() : rollupMark();
            if (realTimeAggregates) {
                sql = rollup;
            } else if (mark.isEmpty()) {
                sql = raw.formatted(""); // the rollup job has not run yet
            } else {
                p.addValue("mark", Timestamp.from(mark.get()))
                        .addValue("lateFrom", Timestamp.from(mark.get().minus(LATE_ROW_WINDOW)));
                sql = rollup + " UNION ALL " + raw.formatted("AND received_at > :mark AND time >= :lateFrom");
            }
        }
        Map<String, List<TrendPoint>> result = new LinkedHashMap<>();
        codes.forEach(c -> result.put(c, new ArrayList<>()));
        jdbc.query("""
                SELECT code, t, sum(n) AS n, min(lo) AS lo, max(hi) AS hi, sum(mean * n) / sum(n) AS mean
                FROM (%s) parts GROUP BY code, t ORDER BY code, t
                """.formatted(sql), p, rs -> {
                    result.get(rs.getString("code")).add(new TrendPoint(rs.getTimestamp("t").toInstant(),
                            rs.getDouble("lo"), rs.getDouble("mean"), rs.getDouble("hi"), rs.getLong("n")));
                });
        return result;
    }

    public List<Incident> incidents(long elderId, Instant from, Instant to) {
        return jdbc.query("""
                SELECT id, kind, severity, opened_at FROM alert
                WHERE elder_id = :elder AND opened_at >= :from AND opened_at < :to ORDER BY opened_at
                """, new MapSqlParameterSource().addValue("elder", elderId).addValue("from", Timestamp.from(from))
                .addValue("to", Timestamp.from(to)), (rs, i) -> new Incident(rs.getLong("id"), rs.getString("kind"),
                rs.getString("severity"), rs.getTimestamp("opened_at").toInstant()));
    }

    private Optional<Instant> rollupMark() {
        return jdbc.query("SELECT refreshed_to FROM rollup_state WHERE name = :name",
                new MapSqlParameterSource("name", ROLLUP_STATE), (rs, i) -> rs.getTimestamp(1).toInstant())
                .stream().findFirst();
    }
}
