package care.anxin.store.console;

import care.anxin.store.page.Keyset;
import care.anxin.store.page.Page;
import java.time.Instant;
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

    private static final Keyset NEWEST_FIRST = new Keyset(Keyset.key("-extract(epoch FROM d.parked_at)", "numeric"),
            Keyset.key("-d.id", "bigint"));

    /** The most recently parked events of elders within the viewer's scope, newest first, a page at a time. */
    public Page<ParkedEvent> list(ViewerScope scope, int limit, String cursor) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = """
                SELECT d.id, d.elder_id, e.name AS elder_name, d.device_id, d.kind, d.occurred_at, d.received_at,
                       d.parked_at, d.attempts, d.last_error""" + NEWEST_FIRST.selectColumns() + """

                FROM device_event d JOIN elder e ON e.id = d.elder_id
                WHERE d.parked_at IS NOT NULL AND\s""" + scope.elderPredicate("e.organization_id", "e.id", params)
                + NEWEST_FIRST.after(cursor, params) + NEWEST_FIRST.orderAndLimit(limit, params);
        return Page.of(jdbc.query(sql, params, NEWEST_FIRST.mapper(
                (rs, i) -> new ParkedEvent(rs.getLong("id"), rs.getLong("elder_id"), rs.getString("elder_name"),
                        rs.getString("device_id"), rs.getString("kind"), Timestamps.instant(rs, "occurred_at"),
                        Timestamps.instant(rs, "received_at"), Timestamps.instant(rs, "parked_at"), rs.getInt("attempts"),
                        rs.getString("last_error")))), limit);
    }
}
