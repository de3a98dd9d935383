package care.anxin.store.alerting;

import static care.anxin.store.alerting.Sql.instant;
import static care.anxin.store.alerting.Sql.nullableLong;
import static care.anxin.store.alerting.Sql.ts;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** The transactional outbox: enqueue in the incident's transaction, claim with a lease, record attempts. */
public class NotificationRepository {

    private final JdbcTemplate jdbc;

    public NotificationRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues a notification unless its idempotency key exists already; true when queued now. */
    public boolean enqueue(Long alertId, String channel, Long endpointId, String recipient, String idempotencyKey,
                           String payload, Instant now) {
        return jdbc.update("""
                INSERT INTO notification (alert_id, channel, endpoint_id, recipient, idempotency_key, payload, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING""",
                alertId, channel, endpointId, recipient, idempotencyKey, payload, ts(now), ts(now)) == 1;
    }

    /**
     * Claims due rows of a lane (pending, or sending with an expired lease) and marks them SENDING
     * until leaseUntil, counting the attempt. Committed before sending so a slow partner holds no
     * locks. The lane's channels are included (or, with include false, excluded); rows of a blocked
     * endpoint (its bulkhead is full or its circuit open; key as {@link OutboundNotification#endpointKey()})
     * are left for later.
     */
    public List<OutboundNotification> claimDue(Instant now, Instant leaseUntil, int limit, Collection<String> channels,
                                               boolean include, Collection<String> blockedEndpoints) {
        return jdbc.query("""
                UPDATE notification n SET status = 'SENDING', attempts = n.attempts + 1, next_attempt_at = ?
                FROM (SELECT n2.id, e.url, e.secret FROM notification n2 LEFT JOIN notification_endpoint e ON e.id = n2.endpoint_id
                      WHERE n2.status IN ('PENDING', 'SENDING') AND n2.next_attempt_at <= ?
                        AND (n2.channel = ANY (?)) = ?
                        AND NOT (COALESCE('endpoint:' || n2.endpoint_id, n2.channel || ':' || n2.recipient) = ANY (?))
                      ORDER BY n2.next_attempt_at LIMIT ? FOR UPDATE OF n2 SKIP LOCKED) due
                WHERE n.id = due.id
                RETURNING n.id, n.alert_id, n.channel, n.endpoint_id, n.recipient, n.idempotency_key, n.payload::text AS payload,
                          n.attempts, n.created_at, due.url, due.secret""",
                ps -> {
                    ps.setTimestamp(1, ts(leaseUntil));
                    ps.setTimestamp(2, ts(now));
                    ps.setArray(3, ps.getConnection().createArrayOf("text", channels.toArray()));
                    ps.setBoolean(4, include);
                    ps.setArray(5, ps.getConnection().createArrayOf("text", blockedEndpoints.toArray()));
                    ps.setInt(6, limit);
                },
                (rs, i) -> new OutboundNotification(rs.getLong("id"), nullableLong(rs, "alert_id"), rs.getString("channel"),
                        nullableLong(rs, "endpoint_id"), rs.getString("recipient"), rs.getString("idempotency_key"),
                        rs.getString("payload"), rs.getInt("attempts"), instant(rs, "created_at"), rs.getString("url"),
                        rs.getString("secret")));
    }

    public void recordAttempt(long notificationId, Instant at, boolean success, Integer statusCode, String error, long durationMs) {
        jdbc.update("INSERT INTO notification_attempt (notification_id, at, success, status_code, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?)",
                notificationId, ts(at), success, statusCode, error, (int) Math.min(Integer.MAX_VALUE, durationMs));
    }

    /** Marks the row sent; false when it was no longer ours (lease expired and re-claimed). */
    public boolean markSent(long id, Instant at) {
        return jdbc.update("UPDATE notification SET status = 'SENT', sent_at = ?, last_error = NULL WHERE id = ? AND status = 'SENDING'",
                ts(at), id) == 1;
    }

    public void scheduleRetry(long id, Instant nextAttemptAt, String error) {
        jdbc.update("UPDATE notification SET status = 'PENDING', next_attempt_at = ?, last_error = ? WHERE id = ? AND status = 'SENDING'",
                ts(nextAttemptAt), error, id);
    }

    /** Gives up on the row; true when this call moved it to DEAD. */
    public boolean markDead(long id, String error) {
        return jdbc.update("UPDATE notification SET status = 'DEAD', last_error = ? WHERE id = ? AND status = 'SENDING'",
                error, id) == 1;
    }

    /** Queues an ALERT_ACK-style command for a handset once per notification key (idempotent). */
    public void queueDeviceCommand(String deviceId, String kind, String payload, Long alertId, Instant now, Instant expiresAt) {
        jdbc.update("""
                INSERT INTO device_command (device_id, kind, payload, alert_id, created_at, expires_at)
                VALUES (?, ?, ?::jsonb, ?, ?, ?)
                ON CONFLICT ((payload ->> 'notificationKey')) WHERE (payload ->> 'notificationKey') IS NOT NULL DO NOTHING""",
                deviceId, kind, payload, alertId, ts(now), ts(expiresAt));
    }
}
