package care.anxin.store.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one owner of the incident writes people make: acknowledge, assign, note, resolve. The alert
 * service owns creation, repeats, escalation and auto-resolve; it sees these effects through the
 * alert row (status, next_reminder_at) and the alert_changed notification the row's trigger sends.
 * Each command is one transaction that locks the alert row and appends to its timeline.
 * Scope checks (may this user touch this incident?) are the caller's job, before calling.
 */
public class IncidentCommands {

    private static final Set<String> ACTIVE = Set.of("OPEN", "ACKNOWLEDGED");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public IncidentCommands(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
    }

    /** Someone has taken the call: reminders stop; the resolve-deadline escalation stays. */
    public void acknowledge(long alertId, long userId, String note) {
        tx.executeWithoutResult(status -> {
            String current = lockStatus(alertId);
            if (!"OPEN".equals(current)) {
                throw new IncidentStateException(alertId, current, "Incident " + alertId + " is " + current + ", not OPEN");
            }
            Timestamp now = now();
            jdbc.update("""
                    UPDATE alert SET status = 'ACKNOWLEDGED', acknowledged_at = ?, acknowledged_by = ?,
                           next_reminder_at = NULL, updated_at = ?
                    WHERE id = ?""", now, userId, now, alertId);
            action(alertId, userId, "ACKNOWLEDGED", note == null || note.isBlank() ? Map.of() : Map.of("note", note), now);
        });
    }

    public void assign(long alertId, long assigneeUserId, long byUserId) {
        tx.executeWithoutResult(status -> {
            String current = lockStatus(alertId);
            requireActive(alertId, current);
            Timestamp now = now();
            jdbc.update("UPDATE alert SET assignee_user_id = ?, updated_at = ? WHERE id = ?", assigneeUserId, now, alertId);
            action(alertId, byUserId, "ASSIGNED", Map.of("assigneeUserId", assigneeUserId), now);
        });
    }

    /** Notes are allowed on closed incidents too: follow-up calls happen after resolution. */
    public void addNote(long alertId, long userId, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("A note needs text");
        }
        tx.executeWithoutResult(status -> {
            lockStatus(alertId);
            Timestamp now = now();
            jdbc.update("UPDATE alert SET updated_at = ? WHERE id = ?", now, alertId);
            action(alertId, userId, "NOTE", Map.of("text", text), now);
        });
    }

    /** Resolving an unacknowledged incident also acknowledges it, so response times stay honest. */
    public void resolve(long alertId, long userId, IncidentOutcome outcome, String note) {
        tx.executeWithoutResult(status -> {
            String current = lockStatus(alertId);
            requireActive(alertId, current);
            Timestamp now = now();
            jdbc.update("""
                    UPDATE alert SET status = 'RESOLVED', resolved_at = ?, resolved_by = ?, outcome = ?,
                           acknowledged_at = COALESCE(acknowledged_at, ?), acknowledged_by = COALESCE(acknowledged_by, ?),
                           next_escalation_at = NULL, next_reminder_at = NULL, updated_at = ?
                    WHERE id = ?""", now, userId, outcome.name(), now, userId, now, alertId);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("outcome", outcome.name());
            if (note != null && !note.isBlank()) {
                detail.put("note", note);
            }
            action(alertId, userId, "RESOLVED", detail, now);
        });
    }

    private String lockStatus(long alertId) {
        List<String> rows = jdbc.queryForList("SELECT status FROM alert WHERE id = ? FOR UPDATE", String.class, alertId);
        if (rows.isEmpty()) {
            throw new IncidentStateException(alertId, null, "Incident " + alertId + " does not exist");
        }
        return rows.get(0);
    }

    private static void requireActive(long alertId, String current) {
        if (!ACTIVE.contains(current)) {
            throw new IncidentStateException(alertId, current, "Incident " + alertId + " is already " + current);
        }
    }

    private void action(long alertId, long userId, String action, Map<String, ?> detail, Timestamp at) {
        userAction(jdbc, alertId, userId, action, detail, at);
    }

    /** A person's entry on an incident's timeline (also written by {@link IncidentHistory} for past incidents). */
    static void userAction(JdbcTemplate jdbc, long alertId, long userId, String action, Map<String, ?> detail, Timestamp at) {
        jdbc.update("INSERT INTO alert_action (alert_id, at, actor_user_id, actor, action, detail) VALUES (?, ?, ?, ?, ?, ?::jsonb)",
                alertId, at, userId, "user:" + userId, action, toJson(detail));
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static String toJson(Map<String, ?> detail) {
        try {
            return JSON.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise action detail", e);
        }
    }
}
