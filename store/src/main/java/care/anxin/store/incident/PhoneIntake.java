package care.anxin.store.incident;

import care.anxin.store.notify.NotifyChannel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Incidents opened by hand from a phone call (CALL_SOS, CALL_HEALTH, CALL_SERVICE). The row is an
 * ordinary alert row: next_escalation_at = now hands it to the alert service's escalation job, the
 * alert_changed trigger puts it on the live board. A second call of the same kind while one is open
 * is counted into it, like a repeated device event.
 */
public class PhoneIntake {

    private static final String SEVERITY_RANK = "ARRAY['LOW','MEDIUM','HIGH','CRITICAL']";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the operator wrote down. */
    public record Call(long elderId, CallKind kind, String severity, String title, String note, String callerPhone,
                       String callerRelation, String serviceKind, long operatorUserId) {
    }

    /** The incident the call went into; {@code opened} false when it was counted into an open one. */
    public record Logged(long alertId, boolean opened) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public PhoneIntake(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
    }

    public Logged log(Call call) {
        return tx.execute(status -> {
            List<Long> orgs = jdbc.queryForList("SELECT organization_id FROM elder WHERE id = ? AND active",
                    Long.class, call.elderId());
            if (orgs.isEmpty()) {
                throw new IllegalArgumentException("Elder " + call.elderId() + " does not exist");
            }
            Timestamp now = Timestamp.from(clock.instant());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("source", "PHONE");
            put(detail, "note", call.note());
            put(detail, "callerPhone", call.callerPhone());
            put(detail, "callerRelation", call.callerRelation());
            put(detail, "serviceKind", call.serviceKind());
            String detailJson = json(detail);
            Logged logged = jdbc.queryForObject("""
                    INSERT INTO alert (elder_id, organization_id, kind, severity, status, title, detail, event_count,
                                       first_event_at, last_event_at, opened_at, next_escalation_at, updated_at)
                    VALUES (?, ?, ?, ?, 'OPEN', ?, ?::jsonb, 1, ?, ?, ?, ?, ?)
                    ON CONFLICT (elder_id, kind) WHERE status IN ('OPEN', 'ACKNOWLEDGED') DO UPDATE SET
                        event_count = alert.event_count + 1,
                        last_event_at = EXCLUDED.last_event_at,
                        severity = CASE WHEN array_position(%1$s, EXCLUDED.severity) > array_position(%1$s, alert.severity)
                                        THEN EXCLUDED.severity ELSE alert.severity END,
                        updated_at = EXCLUDED.updated_at
                    RETURNING id, (xmax = 0) AS inserted""".formatted(SEVERITY_RANK),
                    (rs, i) -> new Logged(rs.getLong("id"), rs.getBoolean("inserted")),
                    call.elderId(), orgs.get(0), call.kind().name(), call.severity(), call.title(), detailJson,
                    now, now, now, now, now);
            jdbc.update("INSERT INTO alert_action (alert_id, at, actor_user_id, actor, action, detail) VALUES (?, ?, ?, ?, ?, ?::jsonb)",
                    logged.alertId(), now, call.operatorUserId(), "user:" + call.operatorUserId(),
                    logged.opened() ? "CALL_OPENED" : "CALL_REPEATED", detailJson);
            jdbc.queryForList("SELECT pg_notify(?, ?)", NotifyChannel.INCIDENT_TIMER_DUE.sqlName(), String.valueOf(logged.alertId()));
            return logged;
        });
    }

    private static void put(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }

    private static String json(Map<String, Object> detail) {
        try {
            return JSON.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise call detail", e);
        }
    }
}
