package care.anxin.store.console;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The audit_log: who did what to which target, when. */
public class AuditRepository {

    private final NamedParameterJdbcTemplate jdbc;

    public AuditRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param detailJson a JSON object describing the change (never secrets or password hashes)
     */
    public void record(Long userId, String username, String action, String targetType, String targetId,
                       String detailJson) {
        jdbc.update("""
                INSERT INTO audit_log (user_id, username, action, target_type, target_id, detail)
                VALUES (:userId, :username, :action, :targetType, :targetId, CAST(:detail AS jsonb))
                """, new MapSqlParameterSource().addValue("userId", userId).addValue("username", username)
                .addValue("action", action).addValue("targetType", targetType).addValue("targetId", targetId)
                .addValue("detail", detailJson == null ? "{}" : detailJson));
    }
}
