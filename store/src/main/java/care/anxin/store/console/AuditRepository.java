package care.anxin.store.console;

import care.anxin.store.page.Keyset;
import care.anxin.store.page.Page;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The audit_log: who did what to which target (and about which elder), when. */
public class AuditRepository {

    /** One audit row as searched by admins. */
    public record AuditEntry(long id, Instant at, Long userId, String username, String action, String targetType,
                             String targetId, Long elderId, String detailJson) {
    }

    /** Search filters; null means any. */
    public record AuditQuery(Long userId, String username, Long elderId, Instant from, Instant to, String action) {
    }

    private static final Keyset NEWEST_FIRST = new Keyset(Keyset.key("-x.id", "bigint"));

    private final NamedParameterJdbcTemplate jdbc;

    public AuditRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param detailJson a JSON object describing the change (never secrets or password hashes)
     */
    public void record(Long userId, String username, String action, String targetType, String targetId,
                       String detailJson) {
        record(userId, username, action, targetType, targetId, null, detailJson);
    }

    /** @param elderId the elder the action concerns (reads of personal data, changes to the elder), for searching */
    public void record(Long userId, String username, String action, String targetType, String targetId, Long elderId,
                       String detailJson) {
        jdbc.update("""
                INSERT INTO audit_log (user_id, username, action, target_type, target_id, elder_id, detail)
                VALUES (:userId, :username, :action, :targetType, :targetId, :elderId, CAST(:detail AS jsonb))
                """, new MapSqlParameterSource().addValue("userId", userId).addValue("username", username)
                .addValue("action", action).addValue("targetType", targetType).addValue("targetId", targetId)
                .addValue("elderId", elderId).addValue("detail", detailJson == null ? "{}" : detailJson));
    }

    /**
     * Rows written by users of the viewer's subtree (or by nobody: the system, failed logins of
     * unknown names are shown to the operator's root admins only), newest first.
     */
    public Page<AuditEntry> search(ViewerScope scope, AuditQuery q, int limit, String cursor) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        StringBuilder sql = new StringBuilder("SELECT x.*" + NEWEST_FIRST.selectColumns()
                + " FROM audit_log x LEFT JOIN app_user u ON u.id = x.user_id WHERE ");
        boolean root = scope.organizationPath().chars().filter(c -> c == '/').count() == 2;
        sql.append("(").append(scope.organizationPredicate("u.organization_id", p))
                .append(root ? " OR x.user_id IS NULL)" : ")");
        if (q.userId() != null) {
            sql.append(" AND x.user_id = :userId");
            p.addValue("userId", q.userId());
        }
        if (q.username() != null && !q.username().isBlank()) {
            sql.append(" AND x.username = :username");
            p.addValue("username", q.username().trim());
        }
        if (q.elderId() != null) {
            sql.append(" AND x.elder_id = :elderId");
            p.addValue("elderId", q.elderId());
        }
        if (q.action() != null && !q.action().isBlank()) {
            sql.append(" AND x.action = :action");
            p.addValue("action", q.action().trim());
        }
        if (q.from() != null) {
            sql.append(" AND x.at >= :from");
            p.addValue("from", Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND x.at < :to");
            p.addValue("to", Timestamp.from(q.to()));
        }
        sql.append(NEWEST_FIRST.after(cursor, p)).append(NEWEST_FIRST.orderAndLimit(limit, p));
        return Page.of(jdbc.query(sql.toString(), p, NEWEST_FIRST.mapper((rs, i) -> new AuditEntry(rs.getLong("id"),
                rs.getTimestamp("at").toInstant(), (Long) rs.getObject("user_id", Long.class), rs.getString("username"),
                rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
                (Long) rs.getObject("elder_id", Long.class), rs.getString("detail")))), limit);
    }
}
