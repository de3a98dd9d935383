package care.anxin.store.clinical;

import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Care-plan writes that keep their history (care_plan_change); the caller holds the transaction. */
public class CarePlanHistory {

    private final NamedParameterJdbcTemplate jdbc;

    public CarePlanHistory(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the new plan (canonical JSON, "{}" for age defaults only) and records the change.
     * The elder row is locked first, so two doctors saving at once produce two ordered history rows.
     */
    public void change(long elderId, String planJson, Long userId, String username) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", elderId).addValue("plan", planJson)
                .addValue("userId", userId).addValue("username", username);
        String before = jdbc.queryForObject("SELECT care_plan::text FROM elder WHERE id = :id FOR UPDATE", p, String.class);
        p.addValue("before", before);
        jdbc.update("UPDATE elder SET care_plan = CAST(:plan AS jsonb) WHERE id = :id", p);
        jdbc.update("""
                INSERT INTO care_plan_change (elder_id, user_id, username, before_plan, after_plan)
                VALUES (:id, :userId, :username, CAST(:before AS jsonb), CAST(:plan AS jsonb))
                """, p);
    }

    public List<CarePlanChange> changes(long elderId, int limit) {
        return jdbc.query("""
                SELECT at, username, before_plan::text AS before_plan, after_plan::text AS after_plan
                FROM care_plan_change WHERE elder_id = :id ORDER BY at DESC, id DESC LIMIT :limit
                """, new MapSqlParameterSource("id", elderId).addValue("limit", limit),
                (rs, i) -> new CarePlanChange(rs.getTimestamp("at").toInstant(), rs.getString("username"),
                        rs.getString("before_plan"), rs.getString("after_plan")));
    }
}
