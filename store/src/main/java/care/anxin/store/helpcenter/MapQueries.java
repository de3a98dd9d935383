package care.anxin.store.helpcenter;

import care.anxin.store.console.ViewerScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** What the map draws: elders' last known positions with their state and geofences, and an elder's track. */
public class MapQueries {

    /**
     * One elder on the map (WGS-84). {@code alertId}/{@code alertKind}/{@code severity} describe the
     * most severe open incident, if any; {@code lat}/{@code lon} null when no fix is known.
     */
    public record ElderPin(long elderId, String name, Double lat, Double lon, Instant fixAt, boolean online,
                           Long alertId, String alertKind, String severity, String alertStatus,
                           Double alertLat, Double alertLon, Fence home, Fence travel) {
    }

    public record Fence(double lat, double lon, double radiusM) {
    }

    public record TrackPoint(Instant time, double lat, double lon, Double accuracyM) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public MapQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<ElderPin> pins(ViewerScope scope, Instant now) {
        MapSqlParameterSource p = new MapSqlParameterSource("now", Timestamp.from(now));
        return jdbc.query("""
                SELECT e.id, e.name, l.lat, l.lon, l.time,
                       EXISTS (SELECT 1 FROM device d WHERE d.elder_id = e.id AND d.online) AS online,
                       a.id AS alert_id, a.kind, a.severity, a.status, a.lat AS alert_lat, a.lon AS alert_lon,
                       e.home_lat, e.home_lon, e.home_radius_m,
                       CASE WHEN e.travel_until > :now THEN e.travel_lat END AS travel_lat,
                       e.travel_lon, e.travel_radius_m
                FROM elder e
                LEFT JOIN LATERAL (SELECT x.lat, x.lon, x.time FROM location x WHERE x.elder_id = e.id
                                   ORDER BY x.time DESC LIMIT 1) l ON TRUE
                LEFT JOIN LATERAL (SELECT y.id, y.kind, y.severity, y.status, y.lat, y.lon FROM alert y
                                   WHERE y.elder_id = e.id AND y.status IN ('OPEN', 'ACKNOWLEDGED')
                                   ORDER BY array_position(ARRAY['CRITICAL','HIGH','MEDIUM','LOW'], y.severity),
                                            y.opened_at LIMIT 1) a ON TRUE
                WHERE e.active AND """ + scope.elderPredicate("e.organization_id", "e.id", p) + " ORDER BY e.id",
                p, MapQueries::pin);
    }

    public List<TrackPoint> track(long elderId, Instant since, int limit) {
        return jdbc.query("""
                SELECT time, lat, lon, accuracy_m FROM location WHERE elder_id = :elder AND time >= :since
                ORDER BY time LIMIT :limit""", new MapSqlParameterSource().addValue("elder", elderId)
                .addValue("since", Timestamp.from(since)).addValue("limit", limit), (rs, i) -> new TrackPoint(
                rs.getTimestamp("time").toInstant(), rs.getDouble("lat"), rs.getDouble("lon"), nullable(rs, "accuracy_m")));
    }

    private static ElderPin pin(ResultSet rs, int i) throws SQLException {
        long alertId = rs.getLong("alert_id");
        boolean hasAlert = !rs.wasNull();
        Timestamp fix = rs.getTimestamp("time");
        return new ElderPin(rs.getLong("id"), rs.getString("name"), nullable(rs, "lat"), nullable(rs, "lon"),
                fix == null ? null : fix.toInstant(), rs.getBoolean("online"), hasAlert ? alertId : null,
                rs.getString("kind"), rs.getString("severity"), rs.getString("status"), nullable(rs, "alert_lat"),
                nullable(rs, "alert_lon"), fence(rs, "home_lat", "home_lon", "home_radius_m"),
                fence(rs, "travel_lat", "travel_lon", "travel_radius_m"));
    }

    private static Fence fence(ResultSet rs, String lat, String lon, String radius) throws SQLException {
        Double a = nullable(rs, lat);
        Double b = nullable(rs, lon);
        Double r = nullable(rs, radius);
        return a == null || b == null || r == null ? null : new Fence(a, b, r);
    }

    private static Double nullable(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
