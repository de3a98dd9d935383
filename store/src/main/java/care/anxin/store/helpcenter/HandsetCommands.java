package care.anxin.store.helpcenter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Commands people send to an elder's device from the console (MESSAGE, LOCATE, CONFIG). They join
 * the same device_command queue as the alert service's ALERT_ACK: the gateway holding the connection
 * publishes them (QoS 1) and marks them DELIVERED on PUBACK; past expires_at they are EXPIRED.
 */
public class HandsetCommands {

    /** A command as the elder card shows it; {@code status} reads EXPIRED once past expiry even before the gateway retires it. */
    public record SentCommand(long id, String deviceId, String kind, String payload, String status, Long requestedBy,
                              Instant createdAt, Instant sentAt, Instant deliveredAt, Instant expiresAt) {
    }

    private static final String SELECT = """
            SELECT id, device_id, kind, payload::text AS payload,
                   CASE WHEN status IN ('QUEUED', 'SENT') AND expires_at <= now() THEN 'EXPIRED' ELSE status END AS status,
                   requested_by, created_at, sent_at, delivered_at, expires_at
            FROM device_command
            """;

    private final JdbcTemplate jdbc;

    public HandsetCommands(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The device that speaks and locates: the elder's handset if any, else their most recently seen device. */
    public Optional<String> deviceFor(long elderId) {
        return jdbc.queryForList("""
                SELECT id FROM device WHERE elder_id = ? AND enabled
                ORDER BY (kind = 'HANDSET') DESC, last_seen_at DESC NULLS LAST, id LIMIT 1""", String.class, elderId)
                .stream().findFirst();
    }

    public SentCommand queue(String deviceId, long elderId, String kind, String payloadJson, long requestedBy,
                             Instant expiresAt) {
        long id = jdbc.queryForObject("""
                INSERT INTO device_command (device_id, kind, payload, elder_id, requested_by, expires_at)
                VALUES (?, ?, ?::jsonb, ?, ?, ?) RETURNING id""", Long.class, deviceId, kind, payloadJson, elderId,
                requestedBy, Timestamp.from(expiresAt));
        return find(id).orElseThrow();
    }

    public Optional<SentCommand> find(long id) {
        return jdbc.query(SELECT + " WHERE id = ?", HandsetCommands::row, id).stream().findFirst();
    }

    /** The elder's console-sent commands, newest first. */
    public List<SentCommand> recent(long elderId, int limit) {
        return jdbc.query(SELECT + " WHERE elder_id = ? ORDER BY id DESC LIMIT ?", HandsetCommands::row, elderId, limit);
    }

    private static SentCommand row(ResultSet rs, int i) throws SQLException {
        long by = rs.getLong("requested_by");
        Long requestedBy = rs.wasNull() ? null : by;
        return new SentCommand(rs.getLong("id"), rs.getString("device_id"), rs.getString("kind"), rs.getString("payload"),
                rs.getString("status"), requestedBy, instant(rs, "created_at"), instant(rs, "sent_at"),
                instant(rs, "delivered_at"), instant(rs, "expires_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
