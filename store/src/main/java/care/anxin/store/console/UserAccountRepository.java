package care.anxin.store.console;

import care.anxin.store.page.Keyset;
import care.anxin.store.page.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** app_user rows for login and user administration. */
public class UserAccountRepository {

    private static final String SELECT_ACCOUNT = """
            SELECT u.id, u.username, u.display_name, u.password_hash, u.role, u.locale, u.enabled,
                   u.must_change_password, u.session_epoch, o.id AS org_id, o.name AS org_name, o.kind AS org_kind, o.path AS org_path
            FROM app_user u JOIN organization o ON o.id = u.organization_id
            """;

    private static final String SUMMARY_COLUMNS =
            "u.id, u.username, u.display_name, u.role, u.organization_id, u.enabled, u.must_change_password";
    private static final Keyset BY_NAME = new Keyset(Keyset.key("u.display_name", "text"), Keyset.key("u.id", "bigint"));

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
        return create(organizationId, username, displayName, passwordHash, role, phone, locale, false);
    }

    public long create(long organizationId, String username, String displayName, String passwordHash, Role role,
                       String phone, String locale, boolean mustChangePassword) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO app_user (organization_id, username, display_name, password_hash, role, phone, locale,
                                      must_change_password)
                VALUES (:org, :username, :displayName, :hash, :role, :phone, COALESCE(:locale, 'zh-CN'), :mustChange)
                """, new MapSqlParameterSource().addValue("mustChange", mustChangePassword)
                .addValue("org", organizationId).addValue("username", username).addValue("displayName", displayName)
                .addValue("hash", passwordHash).addValue("role", role.name()).addValue("phone", phone)
                .addValue("locale", locale), keys, new String[] {"id"});
        return keys.getKey().longValue();
    }

    /** Users the viewer may see, optionally only those at or below one organization; by name, a page at a time. */
    public Page<UserSummary> list(ViewerScope scope, Long organizationId, int limit, String cursor) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        StringBuilder sql = new StringBuilder("SELECT " + SUMMARY_COLUMNS + BY_NAME.selectColumns()
                + " FROM app_user u JOIN organization o ON o.id = u.organization_id WHERE ")
                .append(scope.organizationPredicate("u.organization_id", params));
        if (organizationId != null) {
            sql.append(" AND o.path LIKE (SELECT f.path FROM organization f WHERE f.id = :filterOrg) || '%'");
            params.addValue("filterOrg", organizationId);
        }
        sql.append(BY_NAME.after(cursor, params)).append(BY_NAME.orderAndLimit(limit, params));
        return Page.of(jdbc.query(sql.toString(), params, BY_NAME.mapper(UserAccountRepository::summary)), limit);
    }

    /** A user the viewer may see (organization subtree), for assignment and contract targets. */
    public Optional<UserSummary> findVisible(ViewerScope scope, long userId) {
        MapSqlParameterSource params = new MapSqlParameterSource("id", userId);
        return jdbc.query("SELECT " + SUMMARY_COLUMNS + " FROM app_user u"
                        + " WHERE u.id = :id AND " + scope.organizationPredicate("u.organization_id", params), params,
                UserAccountRepository::summary).stream().findFirst();
    }

    /** Sets a new password hash; bumps the session epoch so other sessions end. */
    public void changePassword(long id, String passwordHash, boolean mustChange) {
        jdbc.update("""
                UPDATE app_user SET password_hash = :hash, must_change_password = :must, password_changed_at = now(),
                       session_epoch = session_epoch + 1 WHERE id = :id""",
                new MapSqlParameterSource("id", id).addValue("hash", passwordHash).addValue("must", mustChange));
    }

    /** Enables or disables; disabling bumps the session epoch (sessions end) and revokes the user's API keys. */
    public boolean setEnabled(long id, boolean enabled) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", id).addValue("enabled", enabled);
        int changed = jdbc.update("""
                UPDATE app_user SET enabled = :enabled,
                       disabled_at = CASE WHEN :enabled THEN NULL ELSE now() END,
                       session_epoch = session_epoch + CASE WHEN :enabled THEN 0 ELSE 1 END
                WHERE id = :id AND enabled <> :enabled""", p);
        if (!enabled) {
            jdbc.update("UPDATE api_key SET revoked_at = now() WHERE created_by = :id AND revoked_at IS NULL", p);
        }
        return changed == 1;
    }

    /** What a running session must still match: enabled and the same epoch. */
    public record SessionState(boolean enabled, int sessionEpoch, boolean mustChangePassword) {
    }

    public Optional<SessionState> sessionState(long id) {
        return jdbc.query("SELECT enabled, session_epoch, must_change_password FROM app_user WHERE id = :id",
                new MapSqlParameterSource("id", id), (rs, i) -> new SessionState(rs.getBoolean("enabled"),
                        rs.getInt("session_epoch"), rs.getBoolean("must_change_password"))).stream().findFirst();
    }

    private static UserSummary summary(ResultSet rs, int row) throws SQLException {
        return new UserSummary(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                Role.valueOf(rs.getString("role")), rs.getLong("organization_id"), rs.getBoolean("enabled"),
                rs.getBoolean("must_change_password"));
    }

    private static UserAccount account(ResultSet rs, int row) throws SQLException {
        return new UserAccount(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("password_hash"), Role.valueOf(rs.getString("role")), rs.getString("locale"),
                rs.getBoolean("enabled"),
                new OrganizationRef(rs.getLong("org_id"), rs.getString("org_name"), rs.getString("org_kind")),
                rs.getString("org_path"), rs.getBoolean("must_change_password"), rs.getInt("session_epoch"));
    }
}
