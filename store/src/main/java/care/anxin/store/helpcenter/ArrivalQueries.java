package care.anxin.store.helpcenter;

import care.anxin.store.console.ViewerScope;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Time to arrival: from the incident opening (the call or the alarm) to the first responder on
 * site, for incidents someone was dispatched to. A dispatch still under way and younger than the
 * target does not count yet; one past the target without an arrival counts as missed.
 */
public class ArrivalQueries {

    public record ArrivalSummary(long dispatched, long arrived, long within30, long within45,
                                 Double medianArrivalSeconds, Double worstArrivalSeconds) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public ArrivalQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public ArrivalSummary summary(ViewerScope scope, Instant from, int targetSeconds) {
        MapSqlParameterSource p = new MapSqlParameterSource().addValue("from", Timestamp.from(from))
                .addValue("target", targetSeconds);
        String scoped = scope.alertPredicate("a.id", "a.organization_id", "a.elder_id", p);
        return jdbc.queryForObject("""
                SELECT count(*) AS dispatched, count(arrival_s) AS arrived,
                       count(*) FILTER (WHERE arrival_s <= 1800) AS within30,
                       count(*) FILTER (WHERE arrival_s <= 2700) AS within45,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY arrival_s) AS median, max(arrival_s) AS worst
                FROM (SELECT a.id,
                             EXTRACT(EPOCH FROM (min(d.arrived_at) - a.opened_at))::float8 AS arrival_s,
                             min(d.dispatched_at) AS first_dispatch
                      FROM alert a JOIN alert_dispatch d ON d.alert_id = a.id
                      WHERE d.dispatched_at >= :from AND d.status <> 'CANCELLED' AND %s
                      GROUP BY a.id, a.opened_at) x
                WHERE arrival_s IS NOT NULL OR first_dispatch <= now() - :target * INTERVAL '1 second'
                """.formatted(scoped), p, (rs, i) -> new ArrivalSummary(rs.getLong("dispatched"), rs.getLong("arrived"),
                rs.getLong("within30"), rs.getLong("within45"), (Double) rs.getObject("median", Double.class),
                (Double) rs.getObject("worst", Double.class)));
    }
}
