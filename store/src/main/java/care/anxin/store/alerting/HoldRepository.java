package care.anxin.store.alerting;

import static care.anxin.store.alerting.Sql.instant;
import static care.anxin.store.alerting.Sql.nullableLong;
import static care.anxin.store.alerting.Sql.ts;

import care.anxin.domain.event.ContractJson;
import care.anxin.domain.event.DeviceReport;
import care.anxin.domain.incident.IncidentKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** alert_hold rows: events waiting out a cancel window. One HELD row per elder and kind. */
public class HoldRepository {

    private static final String COLUMNS = """
            id, elder_id, organization_id, device_id, kind, status, event_id, msg_id, event_count, occurred_at,
            held_at, hold_until, payload::text AS payload""";

    private final JdbcTemplate jdbc;

    public HoldRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Holds the event, or counts it into the elder's current hold of the kind. Returns the hold. */
    public Hold holdOrCount(long elderId, long organizationId, String deviceId, IncidentKind kind, long eventId, String msgId,
                            Instant occurredAt, Instant now, Instant holdUntil, DeviceReport payload) {
        return jdbc.queryForObject("""
                INSERT INTO alert_hold (elder_id, organization_id, device_id, kind, event_id, msg_id, occurred_at,
                                        held_at, hold_until, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (elder_id, kind) WHERE status = 'HELD'
                DO UPDATE SET event_count = alert_hold.event_count + 1
                RETURNING\s""" + COLUMNS,
                MAPPER, elderId, organizationId, deviceId, kind.name(), eventId, msgId, ts(occurredAt), ts(now),
                ts(holdUntil), ContractJson.write(payload));
    }

    /** The elder's current hold of the kind, locked. */
    public Optional<Hold> lockHeld(long elderId, IncidentKind kind) {
        return jdbc.query("SELECT " + COLUMNS + " FROM alert_hold WHERE elder_id = ? AND kind = ? AND status = 'HELD' FOR UPDATE",
                MAPPER, elderId, kind.name()).stream().findFirst();
    }

    /** Holds whose window has passed, locked so only one service releases each. */
    public List<Hold> claimDue(Instant now, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM alert_hold WHERE status = 'HELD' AND hold_until <= ? ORDER BY hold_until LIMIT ? FOR UPDATE SKIP LOCKED",
                MAPPER, ts(now), limit);
    }

    public void close(long holdId, HoldStatus status, Long alertId, Instant now) {
        jdbc.update("UPDATE alert_hold SET status = ?, alert_id = ?, closed_at = ? WHERE id = ?", status.name(), alertId, ts(now), holdId);
    }

    private static final RowMapper<Hold> MAPPER = (rs, i) -> new Hold(rs.getLong("id"), rs.getLong("elder_id"),
            rs.getLong("organization_id"), rs.getString("device_id"), IncidentKind.valueOf(rs.getString("kind")),
            HoldStatus.valueOf(rs.getString("status")),
            nullableLong(rs, "event_id") == null ? 0 : rs.getLong("event_id"), rs.getString("msg_id"),
            rs.getInt("event_count"), instant(rs, "occurred_at"), instant(rs, "held_at"), instant(rs, "hold_until"),
            rs.getString("payload"));
}
