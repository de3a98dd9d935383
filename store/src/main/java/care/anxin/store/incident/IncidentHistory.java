package care.anxin.store.incident;

import care.anxin.store.alerting.IncidentRepository;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Duration;
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
 * Past incidents written once per database under an import key (the demo community's week of
 * handled incidents; incident records carried over from an earlier system). Each incident is
 * written closed, with the timeline (alert_action) the live services would have left — OPENED,
 * ESCALATED, NOTIFICATION_DEAD, ACKNOWLEDGED, RESOLVED, or HELD and CANCELLED_BY_ELDER for a fall
 * the elder cancelled — and its notification rows with their attempts. The history_import row is
 * the marker and is written in the same transaction, so an import happens entirely or not at all,
 * and never twice.
 */
public class IncidentHistory {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Spacing of the recorded attempts of a past notification (the outbox's first retry delays). */
    private static final Duration ATTEMPT_SPACING = Duration.ofSeconds(15);

    /** One delivery of a past incident: to an endpoint, after {@code attempts} tries, delivered or dead. */
    public record PastNotification(long endpointId, Instant firstAttemptAt, int attempts, boolean delivered, String error) {
        public PastNotification {
            if (attempts < 1 || attempts > 20) {
                throw new IllegalArgumentException("attempts must be 1..20");
            }
            if (!delivered && (error == null || error.isBlank())) {
                throw new IllegalArgumentException("a failed notification needs its error");
            }
        }

        Instant attemptAt(int attempt) {
            return firstAttemptAt.plus(ATTEMPT_SPACING.multipliedBy(attempt));
        }

        Instant lastAttemptAt() {
            return attemptAt(attempts - 1);
        }
    }

    /**
     * A closed past incident. Either the elder cancelled it ({@code cancelledByElder}, closed at
     * {@code resolvedAt}, nobody acknowledged) or staff acknowledged and resolved it.
     */
    public record PastIncident(long elderId, String deviceId, String kind, String severity, String title,
                               Instant openedAt, Instant escalatedAt, Instant acknowledgedAt, Long acknowledgedBy,
                               Instant resolvedAt, Long resolvedBy, IncidentOutcome outcome, String note,
                               boolean cancelledByElder, Double lat, Double lon, List<PastNotification> notifications) {
        public PastIncident {
            notifications = notifications == null ? List.of() : List.copyOf(notifications);
            require(openedAt != null && resolvedAt != null, "openedAt and resolvedAt are required");
            require(!resolvedAt.isBefore(openedAt), "resolvedAt is before openedAt");
            require(escalatedAt == null || !escalatedAt.isBefore(openedAt), "escalatedAt is before openedAt");
            if (cancelledByElder) {
                require(acknowledgedAt == null && acknowledgedBy == null && resolvedBy == null && outcome == null,
                        "an incident the elder cancelled has no acknowledgement, resolver or outcome");
            } else {
                require(acknowledgedAt != null && acknowledgedBy != null && resolvedBy != null && outcome != null,
                        "a handled incident needs acknowledgedAt, acknowledgedBy, resolvedBy and outcome");
                require(!acknowledgedAt.isBefore(openedAt) && !resolvedAt.isBefore(acknowledgedAt),
                        "times must run openedAt <= acknowledgedAt <= resolvedAt");
            }
            for (PastNotification n : notifications) {
                require(!n.firstAttemptAt().isBefore(openedAt), "a notification cannot precede its incident");
            }
        }
    }

    /** The marker of one import. {@code completedAt} is null while the importer still has work to do. */
    public record Marker(String key, long organizationId, int incidents, Instant createdAt, Instant completedAt) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final IncidentRepository incidents;

    public IncidentHistory(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.incidents = new IncidentRepository(jdbc);
    }

    public Optional<Marker> find(String key) {
        return jdbc.query("SELECT import_key, organization_id, incidents, created_at, completed_at FROM history_import WHERE import_key = ?",
                (rs, i) -> new Marker(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()), key).stream().findFirst();
    }

    /**
     * Writes the marker and every incident in one transaction. Empty when the key exists already
     * (nothing is written; a concurrent import of the same key waits for the first and then finds it).
     *
     * @throws IllegalArgumentException when an elder or user is not in the organization's subtree
     */
    public Optional<Marker> importOnce(String key, long organizationId, Long byUserId, List<PastIncident> past, Instant now) {
        return tx.execute(status -> {
            int inserted = jdbc.update("""
                    INSERT INTO history_import (import_key, organization_id, incidents, created_by, created_at)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT (import_key) DO NOTHING""",
                    key, organizationId, past.size(), byUserId, Timestamp.from(now));
            if (inserted == 0) {
                return Optional.<Marker>empty();
            }
            String subtree = jdbc.queryForObject("SELECT path FROM organization WHERE id = ?", String.class, organizationId) + "%";
            for (PastIncident p : past) {
                require(!p.resolvedAt().isAfter(now), "incident history must lie in the past");
                write(key, subtree, p);
            }
            return find(key);
        });
    }

    /** Sets completed_at once; empty when there is no such import. */
    public Optional<Marker> complete(String key, Instant now) {
        jdbc.update("UPDATE history_import SET completed_at = ? WHERE import_key = ? AND completed_at IS NULL", Timestamp.from(now), key);
        return find(key);
    }

    private void write(String key, String subtree, PastIncident p) {
        List<Long> orgs = jdbc.queryForList("""
                SELECT e.organization_id FROM elder e JOIN organization o ON o.id = e.organization_id
                WHERE e.id = ? AND o.path LIKE ?""", Long.class, p.elderId(), subtree);
        require(!orgs.isEmpty(), "elder " + p.elderId() + " is not in the imported organization");
        requireUserIn(p.acknowledgedBy(), subtree);
        requireUserIn(p.resolvedBy(), subtree);
        Instant firstNotified = p.notifications().stream().filter(PastNotification::delivered)
                .map(PastNotification::lastAttemptAt).min(Instant::compareTo).orElse(null);
        long alertId = jdbc.queryForObject("""
                INSERT INTO alert (elder_id, organization_id, device_id, kind, severity, status, title, detail, event_count,
                                   first_event_at, last_event_at, opened_at, first_notified_at, acknowledged_at, acknowledged_by,
                                   resolved_at, resolved_by, outcome, escalation_level, lat, lon, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                Long.class, p.elderId(), orgs.get(0), p.deviceId(), p.kind(), p.severity(),
                p.cancelledByElder() ? "CANCELLED" : "RESOLVED", p.title(), json(Map.of("importKey", key)),
                ts(p.openedAt()), ts(p.openedAt()), ts(p.openedAt()), ts(firstNotified), ts(p.acknowledgedAt()),
                p.acknowledgedBy(), ts(p.resolvedAt()), p.resolvedBy(),
                p.cancelledByElder() ? "CANCELLED_BY_ELDER" : p.outcome().name(), p.escalatedAt() == null ? 0 : 1,
                p.lat(), p.lon(), ts(p.resolvedAt()));
        if (p.cancelledByElder()) {
            incidents.addAction(alertId, p.openedAt(), "HELD", json(Map.of("importKey", key)));
            incidents.addAction(alertId, p.resolvedAt(), "CANCELLED_BY_ELDER",
                    json(Map.of("secondsAfterFall", Duration.between(p.openedAt(), p.resolvedAt()).toSeconds())));
        } else {
            incidents.addAction(alertId, p.openedAt(), "OPENED", json(Map.of("importKey", key)));
            if (p.escalatedAt() != null) {
                incidents.addAction(alertId, p.escalatedAt(), "ESCALATED", json(Map.of("step", 1)));
            }
        }
        for (int i = 0; i < p.notifications().size(); i++) {
            notification(key, subtree, alertId, i, p);
        }
        if (!p.cancelledByElder()) {
            IncidentCommands.userAction(jdbc, alertId, p.acknowledgedBy(), "ACKNOWLEDGED", Map.of(), ts(p.acknowledgedAt()));
            Map<String, Object> resolved = new LinkedHashMap<>();
            resolved.put("outcome", p.outcome().name());
            if (p.note() != null && !p.note().isBlank()) {
                resolved.put("note", p.note());
            }
            IncidentCommands.userAction(jdbc, alertId, p.resolvedBy(), "RESOLVED", resolved, ts(p.resolvedAt()));
        }
    }

    /** The outbox row as the dispatcher leaves it (SENT or DEAD) with one attempt row per try. */
    private void notification(String key, String subtree, long alertId, int index, PastIncident p) {
        PastNotification n = p.notifications().get(index);
        List<Map<String, Object>> endpoints = jdbc.queryForList("""
                SELECT e.channel, COALESCE(e.url, e.phone, e.name) AS recipient FROM notification_endpoint e
                JOIN organization o ON o.id = e.organization_id WHERE e.id = ? AND o.path LIKE ?""", n.endpointId(), subtree);
        require(!endpoints.isEmpty(), "notification endpoint " + n.endpointId() + " is not in the imported organization");
        Map<String, Object> endpoint = endpoints.get(0);
        String channel = (String) endpoint.get("channel");
        String recipient = (String) endpoint.get("recipient");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("alertId", alertId);
        payload.put("kind", p.kind());
        payload.put("title", p.title());
        payload.put("openedAt", p.openedAt().toString());
        long id = jdbc.queryForObject("""
                INSERT INTO notification (alert_id, channel, endpoint_id, recipient, idempotency_key, payload, status, attempts,
                                          next_attempt_at, last_error, created_at, sent_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?) RETURNING id""", Long.class,
                alertId, channel, n.endpointId(), recipient, "history:" + key + ":alert:" + alertId + ":" + index, json(payload),
                n.delivered() ? "SENT" : "DEAD", n.attempts(), ts(n.lastAttemptAt()), n.delivered() ? null : n.error(),
                ts(n.firstAttemptAt()), n.delivered() ? ts(n.lastAttemptAt()) : null);
        for (int a = 0; a < n.attempts(); a++) {
            boolean success = n.delivered() && a == n.attempts() - 1;
            jdbc.update("INSERT INTO notification_attempt (notification_id, at, success, status_code, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?)",
                    id, ts(n.attemptAt(a)), success, success ? 200 : null, success ? null : n.error(), 180);
        }
        if (!n.delivered()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("notificationId", id);
            detail.put("channel", channel);
            detail.put("recipient", recipient);
            detail.put("attempts", n.attempts());
            detail.put("error", n.error());
            incidents.addAction(alertId, n.lastAttemptAt(), "NOTIFICATION_DEAD", json(detail));
        }
    }

    private void requireUserIn(Long userId, String subtree) {
        if (userId == null) {
            return;
        }
        Boolean found = jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM app_user u JOIN organization o ON o.id = u.organization_id
                               WHERE u.id = ? AND o.path LIKE ?)""", Boolean.class, userId, subtree);
        require(Boolean.TRUE.equals(found), "user " + userId + " is not in the imported organization");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static String json(Map<String, ?> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise " + value, e);
        }
    }
}
