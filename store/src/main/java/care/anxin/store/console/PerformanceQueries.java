package care.anxin.store.console;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Response performance of urgent incidents (time from opened to acknowledged) within a scope.
 * Cancelled incidents (the elder cancelled the fall) do not count; an unacknowledged incident
 * younger than {@code pendingSeconds} is still in play and does not count yet; one that was never
 * acknowledged (e.g. auto-resolved) counts as missed.
 */
public class PerformanceQueries {

    public record Summary(long total, long acknowledged, long within60, long within180, Double medianAckSeconds,
                          Double worstAckSeconds) {
    }

    public record Miss(long id, String kind, String elderName, Instant openedAt, Double ackSeconds) {
    }

    private static final String INCIDENTS = """
            SELECT a.id, a.kind, e.name AS elder_name, a.opened_at,
                   EXTRACT(EPOCH FROM (a.acknowledged_at - a.opened_at))::float8 AS ack_seconds
            FROM alert a JOIN elder e ON e.id = a.elder_id
            WHERE a.kind = ANY(:kinds) AND a.opened_at >= :from AND a.status <> 'CANCELLED'
              AND NOT (a.acknowledged_at IS NULL AND a.opened_at > now() - :pending * INTERVAL '1 second')
              AND %s
            """;

    private final NamedParameterJdbcTemplate jdbc;

    public PerformanceQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Summary summary(ViewerScope scope, List<String> kinds, Instant from, int pendingSeconds) {
        MapSqlParameterSource p = params(kinds, from, pendingSeconds);
        String incidents = INCIDENTS.formatted(scope.elderPredicate("a.organization_id", "a.elder_id", p));
        return jdbc.queryForObject("""
                SELECT count(*) AS total, count(ack_seconds) AS acknowledged,
                       count(*) FILTER (WHERE ack_seconds <= 60) AS within60,
                       count(*) FILTER (WHERE ack_seconds <= 180) AS within180,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY ack_seconds) AS median,
                       max(ack_seconds) AS worst
                FROM (%s) i
                """.formatted(incidents), p, (rs, i) -> new Summary(rs.getLong("total"), rs.getLong("acknowledged"),
                rs.getLong("within60"), rs.getLong("within180"), (Double) rs.getObject("median", Double.class),
                (Double) rs.getObject("worst", Double.class)));
    }

    /** Incidents acknowledged later than {@code targetSeconds} or never, newest first. */
    public List<Miss> misses(ViewerScope scope, List<String> kinds, Instant from, int pendingSeconds,
                             int targetSeconds, int limit) {
        MapSqlParameterSource p = params(kinds, from, pendingSeconds).addValue("target", targetSeconds)
                .addValue("limit", limit);
        String incidents = INCIDENTS.formatted(scope.elderPredicate("a.organization_id", "a.elder_id", p));
        return jdbc.query("SELECT * FROM (" + incidents + ") i WHERE ack_seconds IS NULL OR ack_seconds > :target"
                        + " ORDER BY opened_at DESC LIMIT :limit", p,
                (rs, i) -> new Miss(rs.getLong("id"), rs.getString("kind"), rs.getString("elder_name"),
                        rs.getTimestamp("opened_at").toInstant(), (Double) rs.getObject("ack_seconds", Double.class)));
    }

    private static MapSqlParameterSource params(List<String> kinds, Instant from, int pendingSeconds) {
        return new MapSqlParameterSource().addValue("kinds", kinds.toArray(String[]::new))
                .addValue("from", Timestamp.from(from)).addValue("pending", pendingSeconds);
    }
}
