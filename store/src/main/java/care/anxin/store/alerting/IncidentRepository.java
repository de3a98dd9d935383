package care.anxin.store.alerting;

import static care.anxin.store.alerting.Sql.instant;
import static care.anxin.store.alerting.Sql.nullableDouble;
import static care.anxin.store.alerting.Sql.ts;

import care.anxin.domain.incident.IncidentKind;
import care.anxin.domain.incident.IncidentStatus;
import care.anxin.domain.incident.Severity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Incident rows written by the alert service: creation, repeats, timers, auto-resolve. Human
 * transitions (acknowledge, assign, note, resolve) belong to care.anxin.store.incident.IncidentCommands.
 * The partial unique index alert_one_open_per_elder_kind makes the upsert race-free.
 */
public class IncidentRepository {

    /** Severities in rising order, as an SQL array for array_position (a repeat may raise, never lower). */
    private static final String SEVERITY_RANK = Arrays.stream(Severity.values()).map(s -> "'" + s + "'")
            .collect(Collectors.joining(",", "ARRAY[", "]"));
    private static final String OPEN = "status IN ('OPEN', 'ACKNOWLEDGED')";

    private final JdbcTemplate jdbc;

    public IncidentRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens the incident or, when one is open for the elder and kind, counts this event into it. */
    public Upserted upsert(IncidentDraft d) {
        return upsert(d, 1);
    }

    /** As {@link #upsert(IncidentDraft)}, counting {@code events} events at once (abnormal vitals coalesced in one round). */
    public Upserted upsert(IncidentDraft d, int events) {
        return jdbc.queryForObject("""
                INSERT INTO alert (elder_id, organization_id, device_id, kind, severity, status, title, detail,
                                   event_count, first_event_at, last_event_at, opened_at, lat, lon, updated_at)
                VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (elder_id, kind) WHERE status IN ('OPEN', 'ACKNOWLEDGED') DO UPDATE SET
                    event_count = alert.event_count + EXCLUDED.event_count,
                    first_event_at = LEAST(alert.first_event_at, EXCLUDED.first_event_at),
                    last_event_at = GREATEST(alert.last_event_at, EXCLUDED.last_event_at),
                    severity = CASE WHEN array_position(%1$s, EXCLUDED.severity) > array_position(%1$s, alert.severity)
                                    THEN EXCLUDED.severity ELSE alert.severity END,
                    detail = alert.detail || EXCLUDED.detail,
                    device_id = COALESCE(EXCLUDED.device_id, alert.device_id),
                    lat = COALESCE(EXCLUDED.lat, alert.lat),
                    lon = COALESCE(EXCLUDED.lon, alert.lon),
                    updated_at = EXCLUDED.updated_at
                RETURNING id, (xmax = 0) AS inserted, event_count""".formatted(SEVERITY_RANK),
                (rs, i) -> new Upserted(rs.getLong("id"), rs.getBoolean("inserted"), rs.getInt("event_count")),
                d.elderId(), d.organizationId(), d.deviceId(), d.kind().name(), d.severity().name(), d.title(), d.detail(),
                events, ts(d.eventAt()), ts(d.eventAt()), ts(d.now()), d.lat(), d.lon(), ts(d.now()));
    }

    /** Opens the incident unless one is already open (condition rules: no count bump every round). */
    public Optional<Long> openIfAbsent(IncidentDraft d) {
        return jdbc.query("""
                INSERT INTO alert (elder_id, organization_id, device_id, kind, severity, status, title, detail,
                                   event_count, first_event_at, last_event_at, opened_at, lat, lon, updated_at)
                VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?::jsonb, 1, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (elder_id, kind) WHERE status IN ('OPEN', 'ACKNOWLEDGED') DO NOTHING
                RETURNING id""",
                (rs, i) -> rs.getLong(1),
                d.elderId(), d.organizationId(), d.deviceId(), d.kind().name(), d.severity().name(), d.title(), d.detail(),
                ts(d.eventAt()), ts(d.eventAt()), ts(d.now()), d.lat(), d.lon(), ts(d.now())).stream().findFirst();
    }

    /** Records an incident that closed before anyone was paged (a fall the elder cancelled). */
    public long insertClosed(IncidentDraft d, IncidentStatus status, String outcome, int eventCount, Instant firstEventAt) {
        return jdbc.queryForObject("""
                INSERT INTO alert (elder_id, organization_id, device_id, kind, severity, status, title, detail,
                                   event_count, first_event_at, last_event_at, opened_at, resolved_at, outcome, lat, lon, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                Long.class, d.elderId(), d.organizationId(), d.deviceId(), d.kind().name(), d.severity().name(), status.name(), d.title(),
                d.detail(), eventCount, ts(firstEventAt), ts(d.eventAt()), ts(d.now()), ts(d.now()), outcome,
                d.lat(), d.lon(), ts(d.now()));
    }

    /** Counts a correlated event into an existing incident (e.g. an SOS right after a fall). */
    public void countInto(long alertId, Instant eventAt, String detail, Instant now) {
        jdbc.update("""
                UPDATE alert SET event_count = event_count + 1, last_event_at = GREATEST(last_event_at, ?),
                       detail = detail || ?::jsonb, updated_at = ? WHERE id = ?""",
                ts(eventAt), detail, ts(now), alertId);
    }

    public Optional<OpenIncident> findOpen(long elderId, IncidentKind kind) {
        return jdbc.query("SELECT id, elder_id, kind, status, first_event_at, last_event_at, opened_at FROM alert WHERE elder_id = ? AND kind = ? AND " + OPEN,
                OPEN_MAPPER, elderId, kind.name()).stream().findFirst();
    }

    /** The open incident of the kind, row-locked (a human acknowledgement waits until this transaction ends). */
    public Optional<OpenIncident> lockOpen(long elderId, IncidentKind kind) {
        return jdbc.query("SELECT id, elder_id, kind, status, first_event_at, last_event_at, opened_at FROM alert WHERE elder_id = ? AND kind = ? AND "
                + OPEN + " FOR UPDATE", OPEN_MAPPER, elderId, kind.name()).stream().findFirst();
    }

    /**
     * A new press after an acknowledgement is news: the incident is OPEN again, needs a new
     * acknowledgement, and escalates from step 0 in a new round (new notification keys). True when
     * it was ACKNOWLEDGED.
     */
    public boolean reopen(long alertId, Instant now) {
        return jdbc.update("""
                UPDATE alert SET status = 'OPEN', acknowledged_at = NULL, acknowledged_by = NULL, escalation_level = 0,
                       escalation_started_at = ?, escalation_round = escalation_round + 1, next_escalation_at = NULL,
                       next_reminder_at = NULL, reminder_count = 0, ack_notice_at = NULL, updated_at = ?
                WHERE id = ? AND status = 'ACKNOWLEDGED'""", ts(now), ts(now), alertId) == 1;
    }

    /** The device clock was implausible: the incident shows "device clock wrong" (it opened at the receive time). */
    public void markDeviceClockWrong(long alertId, Instant now) {
        jdbc.update("UPDATE alert SET device_clock_wrong = TRUE, updated_at = ? WHERE id = ? AND NOT device_clock_wrong",
                ts(now), alertId);
    }

    /** Acknowledged SOS/FALL incidents since the cutoff whose handset was not told yet, locked (SKIP LOCKED). */
    public List<AckNotice> claimAckNotices(Instant since, int limit) {
        return jdbc.query("""
                SELECT a.id, a.elder_id, a.device_id, a.kind, a.acknowledged_at, o.name AS org_name
                FROM alert a JOIN organization o ON o.id = a.organization_id
                WHERE a.status = 'ACKNOWLEDGED' AND a.ack_notice_at IS NULL AND a.kind IN ('SOS', 'FALL')
                  AND a.acknowledged_at >= ?
                ORDER BY a.acknowledged_at LIMIT ? FOR UPDATE OF a SKIP LOCKED""",
                (rs, i) -> new AckNotice(rs.getLong("id"), rs.getLong("elder_id"), rs.getString("device_id"),
                        IncidentKind.valueOf(rs.getString("kind")), instant(rs, "acknowledged_at"), rs.getString("org_name")),
                ts(since), limit);
    }

    public void markAckNoticed(long alertId, Instant at) {
        jdbc.update("UPDATE alert SET ack_notice_at = ? WHERE id = ?", ts(at), alertId);
    }

    public List<Long> openElderIds(IncidentKind kind) {
        return jdbc.queryForList("SELECT elder_id FROM alert WHERE kind = ? AND " + OPEN, Long.class, kind.name());
    }

    /** Elders with an open incident of the kind whose last event is older than the cutoff. */
    public List<Long> openElderIdsQuietSince(IncidentKind kind, Instant cutoff) {
        return jdbc.queryForList("SELECT elder_id FROM alert WHERE kind = ? AND last_event_at < ? AND " + OPEN,
                Long.class, kind.name(), ts(cutoff));
    }

    public void addAction(long alertId, Instant at, String action, String detail) {
        jdbc.update("INSERT INTO alert_action (alert_id, at, actor, action, detail) VALUES (?, ?, 'system', ?, ?::jsonb)",
                alertId, ts(at), action, detail);
    }

    /** Incidents whose escalation or reminder time has come, locked so two services never both fire. */
    public List<EscalationState> claimDueTimers(Instant now, int limit) {
        return jdbc.query("""
                SELECT id, elder_id, organization_id, device_id, kind, severity, status, opened_at, escalation_level,
                       next_escalation_at, next_reminder_at, reminder_count, escalation_started_at, escalation_round
                FROM alert WHERE status IN ('OPEN', 'ACKNOWLEDGED') AND (next_escalation_at <= ? OR next_reminder_at <= ?)
                ORDER BY LEAST(next_escalation_at, next_reminder_at) LIMIT ? FOR UPDATE SKIP LOCKED""",
                ESCALATION_MAPPER, ts(now), ts(now), limit);
    }

    /** Reads one incident's timers under a row lock (just after it was opened in this transaction). */
    public EscalationState lockTimers(long alertId) {
        return jdbc.queryForObject("""
                SELECT id, elder_id, organization_id, device_id, kind, severity, status, opened_at, escalation_level,
                       next_escalation_at, next_reminder_at, reminder_count, escalation_started_at, escalation_round
                FROM alert WHERE id = ? FOR UPDATE""",
                ESCALATION_MAPPER, alertId);
    }

    public void updateTimers(long alertId, int level, Instant nextEscalationAt, Instant nextReminderAt,
                             int reminderCount, Instant now) {
        jdbc.update("""
                UPDATE alert SET escalation_level = ?, next_escalation_at = ?, next_reminder_at = ?, reminder_count = ?,
                       updated_at = ? WHERE id = ?""",
                level, ts(nextEscalationAt), ts(nextReminderAt), reminderCount, ts(now), alertId);
    }

    /** Closes the open incident of this kind for the elder because its condition cleared. */
    public Optional<Long> autoResolve(long elderId, IncidentKind kind, Instant now) {
        return jdbc.query("""
                UPDATE alert SET status = 'AUTO_RESOLVED', resolved_at = ?, outcome = 'AUTO_RESOLVED',
                       next_escalation_at = NULL, next_reminder_at = NULL, updated_at = ?
                WHERE elder_id = ? AND kind = ? AND status IN ('OPEN', 'ACKNOWLEDGED') RETURNING id""",
                (rs, i) -> rs.getLong(1), ts(now), ts(now), elderId, kind.name()).stream().findFirst();
    }

    /** Sets first_notified_at once: the first successful send to a person or partner. */
    public void markFirstNotified(long alertId, Instant at) {
        jdbc.update("UPDATE alert SET first_notified_at = ?, updated_at = ? WHERE id = ? AND first_notified_at IS NULL",
                ts(at), ts(at), alertId);
    }

    public Optional<AlertSnapshot> snapshot(long alertId) {
        return jdbc.query("""
                SELECT a.id, a.kind, a.severity, a.status, a.title, a.event_count, a.opened_at, a.last_event_at, a.lat, a.lon,
                       a.detail::text AS detail, e.id AS elder_id, e.name AS elder_name, e.phone AS elder_phone,
                       e.address AS elder_address, o.id AS org_id, o.name AS org_name, o.phone AS org_phone
                FROM alert a JOIN elder e ON e.id = a.elder_id JOIN organization o ON o.id = a.organization_id
                WHERE a.id = ?""",
                (rs, i) -> new AlertSnapshot(rs.getLong("id"), IncidentKind.valueOf(rs.getString("kind")),
                        Severity.valueOf(rs.getString("severity")), IncidentStatus.valueOf(rs.getString("status")), rs.getString("title"), rs.getInt("event_count"), instant(rs, "opened_at"),
                        instant(rs, "last_event_at"), nullableDouble(rs, "lat"), nullableDouble(rs, "lon"),
                        rs.getString("detail"), rs.getLong("elder_id"), rs.getString("elder_name"),
                        rs.getString("elder_phone"), rs.getString("elder_address"), rs.getLong("org_id"),
                        rs.getString("org_name"), rs.getString("org_phone")),
                alertId).stream().findFirst();
    }

    private static final RowMapper<OpenIncident> OPEN_MAPPER = (rs, i) -> new OpenIncident(rs.getLong("id"),
            rs.getLong("elder_id"), IncidentKind.valueOf(rs.getString("kind")), IncidentStatus.valueOf(rs.getString("status")),
            instant(rs, "first_event_at"),
            instant(rs, "last_event_at"), instant(rs, "opened_at"));

    private static final RowMapper<EscalationState> ESCALATION_MAPPER = IncidentRepository::escalationState;

    private static EscalationState escalationState(ResultSet rs, int i) throws SQLException {
        return new EscalationState(rs.getLong("id"), rs.getLong("elder_id"), rs.getLong("organization_id"),
                rs.getString("device_id"), IncidentKind.valueOf(rs.getString("kind")), Severity.valueOf(rs.getString("severity")),
                IncidentStatus.valueOf(rs.getString("status")),
                instant(rs, "opened_at"), rs.getInt("escalation_level"), instant(rs, "next_escalation_at"),
                instant(rs, "next_reminder_at"), rs.getInt("reminder_count"), instant(rs, "escalation_started_at"),
                rs.getInt("escalation_round"));
    }
}
