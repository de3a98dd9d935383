package care.anxin.store.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** app_user rows for login and user administration. */
public class UserAccountRepository {

    private static final String SELECT_ACCOUNT = """
            SELECT u.id, u.username, u.display_name, u.password_hash, u.role, u.locale, u.enabled,
                   o.id AS org_id, o.name AS org_name, o.kind AS org_kind, o.path AS org_path
            FROM app_user u JOIN organization o ON o.id = u.organization_id
            """;

    private final NamedParameterJdbcTemplate jdbc;

    public UserAccountRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UserAccount> findByUsername(String username) {
        return jdbc.query(SELECT_ACCOUNT + " WHERE u.username = :username",
                new MapSqlParameterSource("username", username), UserAccountRepository::account).stream().findFirst();
    }

    public Optional<UserAccount> findById(long id) {
        return jdbc.query(SELECT_ACCOUNT + " WHERE u.id = :id",
                new MapSqlParameterSource("id", id), UserAccountRepository::account).stream().findFirst();
    }

    public long count() {
        Long n = jdbc.getJdbcTemplate().queryForObject("SELECT count(*) FROM app_user", Long.class);
        return n == null ? 0 : n;
    }

    public long create(long organizationId, String username, String displayName, String passwordHash, Role role,
                       String phone, String locale) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO app_user (organization_id, username, display_name, password_hash, role, phone, locale)
                VALUES (:org, :username, :displayName, :hash, :role, :phone, COALESCE(:locale, 'zh-CN'))
                """, new MapSqlParameterSource()
                .addValue("org", organizationId).addValue("username", username).addValue("displayName", displayName)
                .addValue("hash", passwordHash).addValue("role", role.name()).addValue("phone", phone)
                .addValue("locale", locale), keys, new String[] {"id"});
        return keys.getKey().longValue();
    }

    /** Users the viewer may see, optionally only those at or below one organization. */
    public List<UserSummary> list(ViewerScope scope, Long organizationId) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        StringBuilder sql = new StringBuilder("""
                SELECT u.id, u.username, u.display_name, u.role, u.organization_id, u.enabled
                FROM app_user u JOIN organization o ON o.id = u.organization_id WHERE """)
                .append(scope.organizationPredicate("u.organization_id", params));
        if (organizationId != null) {
            sql.append(" AND o.path LIKE (SELECT f.path FROM organization f WHERE f.id = :filterOrg) || '%'");
            params.addValue("filterOrg", organizationId);
        }
        sql.append(" ORDER BY u.display_name, u.id");
        return jdbc.query(sql.toString(), params, (rs, i) -> new UserSummary(rs.getLong("id"), rs.getString("username"),
                rs.getString("display_name"), Role.valueOf(rs.getString("role")), rs.getLong("organization_id"),
                rs.getBoolean("enabled")));
    }

    /** A user the viewer may see (organization subtree), for assignment and contract targets. */
    public Optional<UserSummary> findVisible(ViewerScope scope, long userId) {
        MapSqlParameterSource params = new MapSqlParameterSource("id", userId);
        return jdbc.query("SELECT u.id, u.username, u.display_name, u.role, u.organization_id, u.enabled FROM app_user u"
                        + " WHERE u.id = :id AND " + scope.organizationPredicate("u.organization_id", params), params,
                (rs, i) -> new UserSummary(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                        Role.valueOf(rs.getString("role")), rs.getLong("organization_id"), rs.getBoolean("enabled")))
                .stream().findFirst();
    }

    private static UserAccount account(ResultSet rs, int row) throws SQLException {
        return new UserAccount(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("password_hash"), Role.valueOf(rs.getString("role")), rs.getString("locale"),
                rs.getBoolean("enabled"),
                new OrganizationRef(rs.getLong("org_id"), rs.getString("org_name"), rs.getString("org_kind")),
                rs.getString("org_path"));
    }
}
