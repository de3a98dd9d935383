package care.anxin.store.console;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Device events the alert service gave up on (non-urgent only: an SOS is never parked) with their
 * last error, for admins: nothing is dropped silently.
 */
public class ParkedEvents {

    public record ParkedEvent(long id, Long elderId, String elderName, String deviceId, String kind, Instant occurredAt,
                              Instant receivedAt, Instant parkedAt, int attempts, String lastError) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public ParkedEvents(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The most recently parked events of elders within the viewer's scope, newest first. */
    public List<ParkedEvent> list(ViewerScope scope, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("limit", Math.max(1, Math.min(limit, 500)));
        return jdbc.query("""
                SELECT d.id, d.elder_id, e.name AS elder_name, d.device_id, d.kind, d.occurred_at, d.received_at,
                       d.parked_at, d.attempts, d.last_error
                FROM device_event d JOIN elder e ON e.id = d.elder_id
                WHERE d.parked_at IS NOT NULL AND\s""" + scope.elderPredicate("e.organization_id", "e.id", params) + """
                 ORDER BY d.parked_at DESC LIMIT :limit""", params,
                (rs, i) -> new ParkedEvent(rs.getLong("id"), rs.getLong("elder_id"), rs.getString("elder_name"),
                        rs.getString("device_id"), rs.getString("kind"), Timestamps.instant(rs, "occurred_at"),
                        Timestamps.instant(rs, "received_at"), Timestamps.instant(rs, "parked_at"), rs.getInt("attempts"),
                        rs.getString("last_error")));
    }
}
