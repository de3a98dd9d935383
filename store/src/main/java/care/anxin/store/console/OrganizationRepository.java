package care.anxin.store.console;

import care.anxin.store.page.Keyset;
import care.anxin.store.page.Page;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** The organization tree. */
public class OrganizationRepository {

    /** One node of the tree as listed to admins; depth counts from the root (0). */
    public record OrganizationNode(long id, Long parentId, String kind, String code, String name, String nameEn,
                                   String phone, String address, String path, int depth) {
    }

    public record NewOrganization(long parentId, String kind, String code, String name, String nameEn,
                                  String phone, String address) {
    }

    private static final RowMapper<OrganizationNode> NODE = (rs, i) -> new OrganizationNode(rs.getLong("id"),
            (Long) rs.getObject("parent_id", Long.class), rs.getString("kind"), rs.getString("code"),
            rs.getString("name"), rs.getString("name_en"), rs.getString("phone"), rs.getString("address"),
            rs.getString("path"), rs.getString("path").split("/").length - 2);

    private final NamedParameterJdbcTemplate jdbc;

    public OrganizationRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long create(NewOrganization org) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO organization (parent_id, kind, code, name, name_en, phone, address)
                VALUES (:parentId, :kind, :code, :name, :nameEn, :phone, :address)
                """, new MapSqlParameterSource()
                .addValue("parentId", org.parentId()).addValue("kind", org.kind()).addValue("code", org.code())
                .addValue("name", org.name()).addValue("nameEn", org.nameEn()).addValue("phone", org.phone())
                .addValue("address", org.address()), keys, new String[] {"id"});
        return keys.getKey().longValue();
    }

    /** Creates a root organization unless one with this code exists; returns its id either way. */
    public long ensureRoot(String kind, String code, String name, String nameEn) {
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("kind", kind).addValue("code", code)
                .addValue("name", name).addValue("nameEn", nameEn);
        jdbc.update("INSERT INTO organization (kind, code, name, name_en) VALUES (:kind, :code, :name, :nameEn)"
                + " ON CONFLICT (code) DO NOTHING", params);
        return jdbc.queryForObject("SELECT id FROM organization WHERE code = :code", params, Long.class);
    }

    /** The subtree visible to the viewer, parents before children. */
    /** The viewer's subtree, depth first (by path), a page at a time. */
    public Page<OrganizationNode> list(ViewerScope scope, int limit, String cursor) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        return Page.of(jdbc.query("SELECT o.*" + BY_PATH.selectColumns() + " FROM organization o WHERE "
                + scope.organizationPredicate("o.id", params) + BY_PATH.after(cursor, params)
                + BY_PATH.orderAndLimit(limit, params), params, BY_PATH.mapper(NODE)), limit);
    }

    private static final Keyset BY_PATH = new Keyset(Keyset.key("o.path", "text"));

    public Optional<OrganizationNode> findVisible(ViewerScope scope, long id) {
        MapSqlParameterSource params = new MapSqlParameterSource("id", id);
        return jdbc.query("SELECT * FROM organization o WHERE o.id = :id AND "
                + scope.organizationPredicate("o.id", params), params, NODE).stream().findFirst();
    }
}
