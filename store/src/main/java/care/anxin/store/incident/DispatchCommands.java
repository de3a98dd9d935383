package care.anxin.store.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sending someone to the elder's door, and their progress. A dispatch is one transaction: the
 * alert_dispatch row, the SMS with the responder's link queued in the alert service's outbox
 * (durable, retried, idempotency key {@code dispatch:<id>}), the timeline entry; dispatching an OPEN
 * incident also acknowledges it (someone has taken the call). Progress updates append to the
 * timeline and touch the alert row, so the live board sees them through alert_changed.
 */
public class DispatchCommands {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECT = """
            SELECT d.*, n.status AS notification_status, n.sent_at AS notified_at
            FROM alert_dispatch d LEFT JOIN notification n ON n.id = d.notification_id
            """;

    /** Who goes: an account (userId set) or just a name and phone number. */
    public record Responder(Long userId, String name, String phone) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public DispatchCommands(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
    }

    /**
     * @param tokenHash SHA-256 of the link's token (the token itself is never stored)
     * @param smsText   the message with the link; the phone number is the responder's
     */
    public Dispatch dispatch(long alertId, Responder responder, String note, long byUserId, String tokenHash,
                             Instant expiresAt, String smsText) {
        return tx.execute(status -> {
            String current = jdbc.queryForList("SELECT status FROM alert WHERE id = ? FOR UPDATE", String.class, alertId)
                    .stream().findFirst()
                    .orElseThrow(() -> new IncidentStateException(alertId, null, "Incident " + alertId + " does not exist"));
            if (!"OPEN".equals(current) && !"ACKNOWLEDGED".equals(current)) {
                throw new IncidentStateException(alertId, current, "Incident " + alertId + " is already " + current);
            }
            Timestamp now = Timestamp.from(clock.instant());
            if ("OPEN".equals(current)) {
                jdbc.update("""
                        UPDATE alert SET status = 'ACKNOWLEDGED', acknowledged_at = ?, acknowledged_by = ?,
                               next_reminder_at = NULL WHERE id = ?""", now, byUserId, alertId);
                action(alertId, byUserId, "ACKNOWLEDGED", Map.of("via", "dispatch"), now);
            }
            long id = jdbc.queryForObject("""
                    INSERT INTO alert_dispatch (alert_id, responder_user_id, responder_name, responder_phone, note,
                                                token_hash, dispatched_by, dispatched_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", Long.class, alertId, responder.userId(),
                    responder.name(), responder.phone(), note, tokenHash, byUserId, now, Timestamp.from(expiresAt));
            if (responder.phone() != null && !responder.phone().isBlank()) {
                Long notificationId = jdbc.queryForObject("""
                        INSERT INTO notification (alert_id, channel, recipient, idempotency_key, payload, next_attempt_at)
                        VALUES (?, 'SMS', ?, ?, ?::jsonb, ?) RETURNING id""", Long.class, alertId, responder.phone(),
                        "dispatch:" + id, json(Map.of("phone", responder.phone(), "text", smsText, "alertId", alertId,
                                "dispatchId", id)), now);
                jdbc.update("UPDATE alert_dispatch SET notification_id = ? WHERE id = ?", notificationId, id);
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("dispatchId", id);
            detail.put("responder", responder.name());
            if (responder.userId() != null) {
                detail.put("responderUserId", responder.userId());
            }
            if (note != null && !note.isBlank()) {
                detail.put("note", note);
            }
            action(alertId, byUserId, "DISPATCHED", detail, now);
            jdbc.update("UPDATE alert SET updated_at = ? WHERE id = ?", now, alertId);
            return find(id).orElseThrow();
        });
    }

    /**
     * Moves a dispatch forward (on my way, arrived, done with an outcome). Repeating the current
     * step is a no-op (a double tap on a phone); going back is refused.
     *
     * @param actorUserId the responder's account, or null when acting through the link alone
     */
    public Dispatch advance(long dispatchId, DispatchStatus to, String outcome, String outcomeNote, Long actorUserId) {
        if (to == DispatchStatus.DISPATCHED || to == DispatchStatus.CANCELLED) {
            throw new IllegalArgumentException("A responder reports EN_ROUTE, ARRIVED or DONE, not " + to);
        }
        if (to == DispatchStatus.DONE && (outcome == null || outcome.isBlank())) {
            throw new IllegalArgumentException("DONE needs an outcome");
        }
        return tx.execute(status -> {
            Dispatch d = jdbc.query(SELECT + " WHERE d.id = ? FOR UPDATE OF d", DispatchCommands::row, dispatchId).stream()
                    .findFirst().orElseThrow(() -> new IncidentStateException(dispatchId, null, "Dispatch " + dispatchId + " does not exist"));
            if (d.status() == to) {
                return d;
            }
            if (d.status().finished() || d.status().ordinal() > to.ordinal()) {
                throw new IncidentStateException(d.alertId(), d.status().name(),
                        "Dispatch " + dispatchId + " is " + d.status() + ", cannot go to " + to);
            }
            Timestamp now = Timestamp.from(clock.instant());
            String column = switch (to) {
                case EN_ROUTE -> "departed_at";
                case ARRIVED -> "arrived_at";
                default -> "finished_at";
            };
            jdbc.update("UPDATE alert_dispatch SET status = ?, " + column + " = ?, outcome = COALESCE(?, outcome),"
                    + " outcome_note = COALESCE(?, outcome_note) WHERE id = ?", to.name(), now, outcome, outcomeNote, dispatchId);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("dispatchId", dispatchId);
            detail.put("responder", d.responderName());
            if (outcome != null) {
                detail.put("outcome", outcome);
            }
            if (outcomeNote != null && !outcomeNote.isBlank()) {
                detail.put("note", outcomeNote);
            }
            jdbc.update("INSERT INTO alert_action (alert_id, at, actor_user_id, actor, action, detail) VALUES (?, ?, ?, ?, ?, ?::jsonb)",
                    d.alertId(), now, actorUserId, "responder:" + d.responderName(), "RESPONDER_" + to.name(), json(detail));
            jdbc.update("UPDATE alert SET updated_at = ? WHERE id = ?", now, d.alertId());
            return find(dispatchId).orElseThrow();
        });
    }

    public Optional<Dispatch> find(long id) {
        return jdbc.query(SELECT + " WHERE d.id = ?", DispatchCommands::row, id).stream().findFirst();
    }

    public Optional<Dispatch> findByToken(String tokenHash) {
        return jdbc.query(SELECT + " WHERE d.token_hash = ?", DispatchCommands::row, tokenHash).stream().findFirst();
    }

    public List<Dispatch> forAlert(long alertId) {
        return jdbc.query(SELECT + " WHERE d.alert_id = ? ORDER BY d.dispatched_at, d.id", DispatchCommands::row, alertId);
    }

    /** A responder account's dispatches, newest first. */
    public List<Dispatch> forResponder(long userId, int limit) {
        return jdbc.query(SELECT + " WHERE d.responder_user_id = ? ORDER BY d.dispatched_at DESC, d.id DESC LIMIT ?",
                DispatchCommands::row, userId, limit);
    }

    private void action(long alertId, long userId, String action, Map<String, ?> detail, Timestamp at) {
        jdbc.update("INSERT INTO alert_action (alert_id, at, actor_user_id, actor, action, detail) VALUES (?, ?, ?, ?, ?, ?::jsonb)",
                alertId, at, userId, "user:" + userId, action, json(detail));
    }

    private static Dispatch row(ResultSet rs, int i) throws SQLException {
        long userId = rs.getLong("responder_user_id");
        Long responderUserId = rs.wasNull() ? null : userId;
        return new Dispatch(rs.getLong("id"), rs.getLong("alert_id"), responderUserId, rs.getString("responder_name"),
                rs.getString("responder_phone"), rs.getString("note"), DispatchStatus.valueOf(rs.getString("status")),
                instant(rs, "dispatched_at"), instant(rs, "departed_at"), instant(rs, "arrived_at"),
                instant(rs, "finished_at"), rs.getString("outcome"), rs.getString("outcome_note"),
                instant(rs, "expires_at"), rs.getString("notification_status"), instant(rs, "notified_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String json(Map<String, ?> detail) {
        try {
            return JSON.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise dispatch detail", e);
        }
    }
}
