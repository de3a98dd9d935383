package care.anxin.store.console;

import care.anxin.store.page.Keyset;
import care.anxin.store.page.Page;
import care.anxin.store.console.ConsoleViews.AlertView;
import care.anxin.store.console.ConsoleViews.Contact;
import care.anxin.store.console.ConsoleViews.DispatchRef;
import care.anxin.store.console.ConsoleViews.ElderCard;
import care.anxin.store.console.ConsoleViews.OrgRef;
import care.anxin.store.console.ConsoleViews.PersonRef;
import care.anxin.store.console.ConsoleViews.Position;
import care.anxin.store.console.ConsoleViews.TimedPosition;
import care.anxin.store.console.ConsoleViews.TimelineEntry;
import care.anxin.store.console.ConsoleViews.VitalValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Incident reads for the console, always within a {@link ViewerScope}. */
public class AlertQueries {

    public enum StatusFilter { OPEN, CLOSED, ALL }

    /** An alert as loaded for the live stream: the view plus what scope checks need. */
    public record ScopedAlert(AlertView view, long elderId, String organizationPath) {
    }

    private static final String SELECT = """
            SELECT a.id, a.elder_id, a.kind, a.severity, a.status, a.title, a.event_count, a.opened_at, a.last_event_at,
                   a.acknowledged_at, a.resolved_at, a.outcome, a.escalation_level, a.next_escalation_at,
                   a.lat, a.lon, a.device_clock_wrong,
                   u.id AS assignee_id, u.display_name AS assignee_name,
                   o.id AS org_id, o.name AS org_name, o.path AS org_path,
                   e.name AS elder_name, date_part('year', age(e.birth_date))::int AS elder_age, e.gender,
                   e.address, e.phone, e.conditions,
                   ld.id AS dispatch_id, ld.responder_name, ld.status AS dispatch_status, ld.dispatched_at,
                   ld.departed_at, ld.arrived_at, ld.finished_at, ld.outcome AS dispatch_outcome
            FROM alert a
            JOIN elder e ON e.id = a.elder_id
            JOIN organization o ON o.id = a.organization_id
            LEFT JOIN app_user u ON u.id = a.assignee_user_id
            LEFT JOIN LATERAL (SELECT * FROM alert_dispatch d WHERE d.alert_id = a.id
                               ORDER BY d.dispatched_at DESC, d.id DESC LIMIT 1) ld ON TRUE
            """;
    private static final String SEVERITY_RANK =
            "CASE a.severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END";

    private final NamedParameterJdbcTemplate jdbc;
    private final ElderCards cards;
    private final ObjectMapper json;

    public AlertQueries(NamedParameterJdbcTemplate jdbc, ElderCards cards, ObjectMapper json) {
        this.jdbc = jdbc;
        this.cards = cards;
        this.json = json;
    }

    /** Open incidents most severe first, then oldest first; closed ones newest first. */
    /**
     * Open incidents first (most severe, then oldest), then closed ones (latest first), a page at a time.
     * The keyset is the same order as sort values, so paging never repeats or skips an incident that
     * keeps its status while the client pages.
     */
    public Page<AlertView> list(ViewerScope scope, StatusFilter status, Instant since, int limit, String cursor) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        StringBuilder sql = new StringBuilder(SELECT.replace("\nFROM alert a", ORDER.selectColumns() + "\nFROM alert a"))
                .append(" WHERE ").append(scope.alertPredicate("a.id", "a.organization_id", "a.elder_id", params));
        switch (status) {
            case OPEN -> sql.append(" AND a.status IN ('OPEN', 'ACKNOWLEDGED')");
            case CLOSED -> sql.append(" AND a.status NOT IN ('OPEN', 'ACKNOWLEDGED')");
            case ALL -> { }
        }
        if (since != null) {
            sql.append(" AND a.updated_at >= :since");
            params.addValue("since", java.sql.Timestamp.from(since));
        }
        sql.append(ORDER.after(cursor, params)).append(ORDER.orderAndLimit(limit, params));
        List<Page.Keyed<Row>> rows = jdbc.query(sql.toString(), params, ORDER.mapper(AlertQueries::row));
        List<ScopedAlert> carded = withCards(rows.stream().map(Page.Keyed::item).toList());
        List<Page.Keyed<AlertView>> keyed = new java.util.ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            keyed.add(new Page.Keyed<>(carded.get(i).view(), rows.get(i).cursor()));
        }
        return Page.of(keyed, limit);
    }

    private static final String OPEN = "a.status IN ('OPEN', 'ACKNOWLEDGED')";
    private static final Keyset ORDER = new Keyset(
            Keyset.key("CASE WHEN " + OPEN + " THEN 0 ELSE 1 END", "int"),
            Keyset.key("CASE WHEN " + OPEN + " THEN " + SEVERITY_RANK + " ELSE 0 END", "int"),
            Keyset.key("CASE WHEN " + OPEN + " THEN extract(epoch FROM a.opened_at) ELSE 0 END", "numeric"),
            Keyset.key("-extract(epoch FROM COALESCE(a.resolved_at, a.updated_at))", "numeric"),
            Keyset.key("-a.id", "bigint"));

    /** One alert if the viewer may see it; empty both when it does not exist and when it is out of scope. */
    public Optional<ScopedAlert> find(ViewerScope scope, long id) {
        MapSqlParameterSource params = new MapSqlParameterSource("id", id);
        return first(jdbc.query(SELECT + " WHERE a.id = :id AND "
                + scope.alertPredicate("a.id", "a.organization_id", "a.elder_id", params), params, AlertQueries::row));
    }

    /** One alert regardless of viewer: for the live stream, which filters per subscriber afterwards. */
    public Optional<ScopedAlert> findForFanOut(long id) {
        return first(jdbc.query(SELECT + " WHERE a.id = :id", new MapSqlParameterSource("id", id), AlertQueries::row));
    }

    /** Whether a doctor-style scope covers this elder now (contracts change while streams stay open). */
    public boolean elderVisible(ViewerScope scope, long elderId, long organizationId) {
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("elderId", elderId)
                .addValue("orgId", organizationId);
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 WHERE "
                + scope.elderPredicate("CAST(:orgId AS bigint)", "CAST(:elderId AS bigint)", params) + ")",
                params, Boolean.class));
    }

    public JsonNode detail(long alertId) {
        return jdbc.query("SELECT detail FROM alert WHERE id = :id", new MapSqlParameterSource("id", alertId),
                (rs, i) -> JsonColumns.tree(json, rs.getString(1))).stream().findFirst().orElse(json.createObjectNode());
    }

    public List<TimelineEntry> timeline(long alertId) {
        return jdbc.query("""
                SELECT x.at, COALESCE(u.display_name, x.actor) AS actor, x.action,
                       CASE WHEN x.action = 'HANDSET_ACK'
                            THEN x.detail - 'notificationKey' || jsonb_build_object('delivery', COALESCE(c.status, 'PENDING'))
                            ELSE x.detail END AS detail
                FROM alert_action x LEFT JOIN app_user u ON u.id = x.actor_user_id
                     -- a reply to the elder's handset shows how far it got (queued, sent, delivered on PUBACK)
                     LEFT JOIN device_command c ON x.action = 'HANDSET_ACK'
                          AND c.payload ->> 'notificationKey' = x.detail ->> 'notificationKey'
                WHERE x.alert_id = :id ORDER BY x.at, x.id
                """, new MapSqlParameterSource("id", alertId), (rs, i) -> new TimelineEntry(
                rs.getTimestamp("at").toInstant(), rs.getString("actor"), rs.getString("action"),
                JsonColumns.tree(json, rs.getString("detail"))));
    }

    private Optional<ScopedAlert> first(List<Row> rows) {
        return withCards(rows).stream().findFirst();
    }

    private List<ScopedAlert> withCards(List<Row> rows) {
        Set<Long> elderIds = new LinkedHashSet<>();
        rows.forEach(r -> elderIds.add(r.elderId));
        Map<Long, List<Contact>> contacts = cards.contacts(elderIds);
        Map<Long, Map<String, VitalValue>> vitals = cards.latestVitals(elderIds);
        Map<Long, TimedPosition> locations = cards.lastLocations(elderIds);
        List<ScopedAlert> result = new ArrayList<>(rows.size());
        for (Row r : rows) {
            ElderCard card = new ElderCard(r.elderId, r.elderName, r.age, r.gender, r.address, r.phone, r.conditions,
                    contacts.getOrDefault(r.elderId, List.of()), vitals.getOrDefault(r.elderId, Map.of()),
                    locations.get(r.elderId));
            AlertView v = new AlertView(r.id, r.kind, r.severity, r.status, r.title, r.eventCount, r.openedAt,
                    r.lastEventAt, r.acknowledgedAt, r.resolvedAt, r.outcome, r.escalationLevel, r.nextEscalationAt,
                    r.assignee, r.location, r.organization, card, r.deviceClockWrong, r.dispatch);
            result.add(new ScopedAlert(v, r.elderId, r.organizationPath));
        }
        return result;
    }


    private record Row(long id, long elderId, String kind, String severity, String status, String title, int eventCount,
                       Instant openedAt, Instant lastEventAt, Instant acknowledgedAt, Instant resolvedAt, String outcome,
                       int escalationLevel, Instant nextEscalationAt, PersonRef assignee, Position location,
                       OrgRef organization, String organizationPath, String elderName, Integer age, String gender,
                       String address, String phone, List<String> conditions, boolean deviceClockWrong,
                       DispatchRef dispatch) {
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        long assigneeId = rs.getLong("assignee_id");
        PersonRef assignee = rs.wasNull() ? null : new PersonRef(assigneeId, rs.getString("assignee_name"));
        double lat = rs.getDouble("lat");
        Position location = rs.wasNull() ? null : new Position(lat, rs.getDouble("lon"));
        return new Row(rs.getLong("id"), rs.getLong("elder_id"), rs.getString("kind"), rs.getString("severity"),
                rs.getString("status"), rs.getString("title"), rs.getInt("event_count"),
                Timestamps.instant(rs, "opened_at"), Timestamps.instant(rs, "last_event_at"),
                Timestamps.instant(rs, "acknowledged_at"), Timestamps.instant(rs, "resolved_at"),
                rs.getString("outcome"), rs.getInt("escalation_level"), Timestamps.instant(rs, "next_escalation_at"),
                assignee, location, new OrgRef(rs.getLong("org_id"), rs.getString("org_name")), rs.getString("org_path"),
                rs.getString("elder_name"), ElderCards.nullableInt(rs, "elder_age"), rs.getString("gender"),
                rs.getString("address"), rs.getString("phone"), ElderCards.textArray(rs, "conditions"),
                rs.getBoolean("device_clock_wrong"), dispatch(rs));
    }

    private static DispatchRef dispatch(ResultSet rs) throws SQLException {
        long id = rs.getLong("dispatch_id");
        if (rs.wasNull()) {
            return null;
        }
        return new DispatchRef(id, rs.getString("responder_name"), rs.getString("dispatch_status"),
                Timestamps.instant(rs, "dispatched_at"), Timestamps.instant(rs, "departed_at"),
                Timestamps.instant(rs, "arrived_at"), Timestamps.instant(rs, "finished_at"),
                rs.getString("dispatch_outcome"));
    }
}
