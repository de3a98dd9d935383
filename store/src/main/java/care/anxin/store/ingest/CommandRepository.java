package care.anxin.store.ingest;

import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** The gateway's side of {@code device_command}: what to send, what was sent, what was delivered. */
public class CommandRepository {

    private final JdbcTemplate jdbc;

    public CommandRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Undelivered, unexpired commands of these devices, oldest first per device. */
    public List<PendingCommand> pending(Collection<String> deviceIds) {
        if (deviceIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("""
                        SELECT id, device_id, kind, payload::text, alert_id, created_at FROM device_command
                        WHERE device_id = ANY(?) AND status IN ('QUEUED', 'SENT')
                          AND (expires_at IS NULL OR expires_at > now())
                        ORDER BY device_id, id""",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", deviceIds.toArray())),
                (rs, n) -> new PendingCommand(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        (Long) rs.getObject(5), rs.getTimestamp(6).toInstant()));
    }

    /**
     * Counts a send. The device's acknowledgement may be recorded before this runs (both are queued
     * to the database off the event loop), so a DELIVERED command still counts the attempt.
     */
    public void markSent(long commandId) {
        jdbc.update("""
                UPDATE device_command
                SET status = CASE WHEN status = 'DELIVERED' THEN status ELSE 'SENT' END,
                    attempts = attempts + 1, sent_at = now()
                WHERE id = ? AND status IN ('QUEUED', 'SENT', 'DELIVERED')""", commandId);
    }

    public void markDelivered(long commandId) {
        jdbc.update("""
                UPDATE device_command SET status = 'DELIVERED', delivered_at = now()
                WHERE id = ? AND status IN ('QUEUED', 'SENT')""", commandId);
    }

    /** A command the gateway cannot express on the wire (unknown kind). */
    public void markFailed(long commandId) {
        jdbc.update("UPDATE device_command SET status = 'FAILED' WHERE id = ? AND status IN ('QUEUED', 'SENT')",
                commandId);
    }

    /** Commands that can no longer be delivered: FAILED after too many attempts; EXPIRED past expiry. */
    public int retire(int maxAttempts) {
        return jdbc.update("""
                UPDATE device_command SET status = CASE WHEN attempts >= ? THEN 'FAILED' ELSE 'EXPIRED' END
                WHERE status IN ('QUEUED', 'SENT') AND (attempts >= ? OR expires_at <= now())""",
                maxAttempts, maxAttempts);
    }
}
