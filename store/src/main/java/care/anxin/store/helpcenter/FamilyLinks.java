package care.anxin.store.helpcenter;

import care.anxin.store.console.ViewerScope;
import care.anxin.store.page.Keyset;
import care.anxin.store.page.Page;
import java.time.Instant;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Which family accounts (role FAMILY) see which elders. */
public class FamilyLinks {

    public record FamilyLink(long userId, String username, String displayName, String phone, long elderId,
                             String elderName, String relation, Instant createdAt) {
    }

    private static final String COLUMNS = """
            SELECT fl.user_id, u.username, u.display_name, u.phone, fl.elder_id, e.name AS elder_name, fl.relation,
                   fl.created_at""";
    private static final String FROM = """

            FROM family_link fl JOIN app_user u ON u.id = fl.user_id JOIN elder e ON e.id = fl.elder_id
            """;

    /** By elder name, then family member: one elder's family stays together across pages. */
    private static final Keyset BY_ELDER = new Keyset(Keyset.key("e.name", "text"), Keyset.key("fl.elder_id", "bigint"),
            Keyset.key("u.display_name", "text"), Keyset.key("fl.user_id", "bigint"));

    private final NamedParameterJdbcTemplate jdbc;

    public FamilyLinks(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Links (or re-links with a new relation); true when the link is new. */
    public boolean link(long userId, long elderId, String relation) {
        return jdbc.queryForObject("""
                INSERT INTO family_link (user_id, elder_id, relation) VALUES (:user, :elder, :relation)
                ON CONFLICT (user_id, elder_id) DO UPDATE SET relation = EXCLUDED.relation
                RETURNING (xmax = 0)""", new MapSqlParameterSource().addValue("user", userId)
                .addValue("elder", elderId).addValue("relation", relation), Boolean.class);
    }

    public boolean unlink(long userId, long elderId) {
        return jdbc.update("DELETE FROM family_link WHERE user_id = :user AND elder_id = :elder",
                new MapSqlParameterSource().addValue("user", userId).addValue("elder", elderId)) == 1;
    }

    /** Links whose elder the viewer (an admin) may see, a page at a time. */
    public Page<FamilyLink> visible(ViewerScope scope, int limit, String cursor) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String sql = COLUMNS + BY_ELDER.selectColumns() + FROM + " WHERE " + scope.elderPredicate("e.organization_id", "e.id", p)
                + BY_ELDER.after(cursor, p) + BY_ELDER.orderAndLimit(limit, p);
        return Page.of(jdbc.query(sql, p, BY_ELDER.mapper((rs, i) -> new FamilyLink(rs.getLong("user_id"),
                rs.getString("username"), rs.getString("display_name"), rs.getString("phone"), rs.getLong("elder_id"),
                rs.getString("elder_name"), rs.getString("relation"), rs.getTimestamp("created_at").toInstant()))), limit);
    }
}
