package care.anxin.store.clinical;

import care.anxin.store.console.ViewerScope;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * A doctor's worklist, within the viewer's scope (for a doctor: the contracted elders). Urgency:
 * CRITICAL incident 100, HIGH 80, a follow-up overdue 50 + days overdue (at most 79), MEDIUM
 * incident 40, LOW 20, a follow-up due within the look-ahead 10 − days left. Ties: oldest first.
 */
public class WorklistQueries {

    private final NamedParameterJdbcTemplate jdbc;

    public WorklistQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<WorklistItem> worklist(ViewerScope scope, LocalDate today, int lookAheadDays, int limit) {
        List<WorklistItem> items = new ArrayList<>();
        MapSqlParameterSource p = new MapSqlParameterSource("until", today.plusDays(lookAheadDays));
        String incidents = """
                SELECT a.id, a.kind, a.severity, a.status, a.title, a.opened_at, e.id AS elder_id, e.name,
                       date_part('year', age(e.birth_date))::int AS age
                FROM alert a JOIN elder e ON e.id = a.elder_id
                WHERE a.status IN ('OPEN', 'ACKNOWLEDGED') AND (a.kind = 'EARLY_WARNING' OR a.kind LIKE 'VITAL\\_%')
                  AND """ + scope.elderPredicate("a.organization_id", "a.elder_id", p);
        items.addAll(jdbc.query(incidents, p, (rs, i) -> new WorklistItem("INCIDENT",
                severityUrgency(rs.getString("severity")), rs.getLong("elder_id"), rs.getString("name"),
                rs.getInt("age"), rs.getLong("id"), rs.getString("kind"), rs.getString("severity"),
                rs.getString("status"), rs.getString("title"), rs.getTimestamp("opened_at").toInstant(),
                null, null, null, null)));
        String followUps = """
                SELECT c.icd10, c.name AS condition_name, c.next_follow_up, e.id AS elder_id, e.name,
                       date_part('year', age(e.birth_date))::int AS age
                FROM elder_condition c JOIN elder e ON e.id = c.elder_id
                WHERE e.active AND c.next_follow_up IS NOT NULL AND c.next_follow_up <= :until
                  AND """ + scope.elderPredicate("e.organization_id", "e.id", p);
        items.addAll(jdbc.query(followUps, p, (rs, i) -> {
            LocalDate due = rs.getObject("next_follow_up", LocalDate.class);
            int overdue = (int) ChronoUnit.DAYS.between(due, today);
            int urgency = overdue > 0 ? 50 + Math.min(overdue, 29) : 10 + overdue;
            return new WorklistItem("FOLLOW_UP", urgency, rs.getLong("elder_id"), rs.getString("name"), rs.getInt("age"),
                    null, null, null, overdue > 0 ? "OVERDUE" : "DUE", null, null, rs.getString("icd10"),
                    rs.getString("condition_name"), due, Math.max(overdue, 0));
        }));
        items.sort(Comparator.comparingInt(WorklistItem::urgency).reversed()
                .thenComparing(w -> w.openedAt() != null ? w.openedAt().toString() : w.dueOn().toString()));
        return items.size() > limit ? items.subList(0, limit) : items;
    }

    static int severityUrgency(String severity) {
        return switch (severity) {
            case "CRITICAL" -> 100;
            case "HIGH" -> 80;
            case "MEDIUM" -> 40;
            default -> 20;
        };
    }
}
