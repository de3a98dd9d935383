package care.anxin.store.helpcenter;

import care.anxin.store.console.Role;
import care.anxin.store.console.ViewerScope;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Accounts the help center sends or links: responders (with their phone) and family members. */
public class PeopleDirectory {

    public record Person(long id, String username, String displayName, Role role, String phone, long organizationId) {
    }

    private static final String SELECT = "SELECT id, username, display_name, role, phone, organization_id FROM app_user u";
    private static final RowMapper<Person> PERSON = (rs, i) -> new Person(rs.getLong("id"), rs.getString("username"),
            rs.getString("display_name"), Role.valueOf(rs.getString("role")), rs.getString("phone"),
            rs.getLong("organization_id"));

    private final NamedParameterJdbcTemplate jdbc;

    public PeopleDirectory(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An enabled account of the viewer's organization subtree; empty when it does not exist or is out of scope. */
    public Optional<Person> findVisible(ViewerScope scope, long userId) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", userId);
        return jdbc.query(SELECT + " WHERE u.id = :id AND u.enabled AND "
                + scope.organizationPredicate("u.organization_id", p), p, PERSON).stream().findFirst();
    }

    /** Enabled accounts of one role in the viewer's subtree (e.g. the responders an operator may send). */
    public List<Person> withRole(ViewerScope scope, Role role) {
        MapSqlParameterSource p = new MapSqlParameterSource("role", role.name());
        return jdbc.query(SELECT + " WHERE u.role = :role AND u.enabled AND "
                + scope.organizationPredicate("u.organization_id", p) + " ORDER BY u.display_name", p, PERSON);
    }
}
