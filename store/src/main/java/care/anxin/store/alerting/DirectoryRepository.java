package care.anxin.store.alerting;

import static care.anxin.store.alerting.Sql.nullableLong;

import java.sql.Array;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Read-only look-ups for escalation: elders, the organization tree, policies, endpoints, contacts. */
public class DirectoryRepository {

    private final JdbcTemplate jdbc;

    public DirectoryRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ElderRef> elder(long elderId) {
        return jdbc.query("SELECT id, organization_id, name, phone, address, conditions, care_plan::text AS care_plan FROM elder WHERE id = ?",
                (rs, i) -> {
                    Array conditions = rs.getArray("conditions");
                    List<String> list = conditions == null ? List.of() : Arrays.asList((String[]) conditions.getArray());
                    return new ElderRef(rs.getLong("id"), rs.getLong("organization_id"), rs.getString("name"),
                            rs.getString("phone"), rs.getString("address"), list, rs.getString("care_plan"));
                }, elderId).stream().findFirst();
    }

    /** The organization and its ancestors, nearest first (uses the materialised path). */
    public List<OrganizationRef> chain(long organizationId) {
        return jdbc.query("""
                SELECT o.id, o.parent_id, o.kind, o.name FROM organization o, organization self
                WHERE self.id = ? AND self.path LIKE o.path || '%'
                ORDER BY length(o.path) DESC""",
                (rs, i) -> new OrganizationRef(rs.getLong("id"), nullableLong(rs, "parent_id"), rs.getString("kind"),
                        rs.getString("name")),
                organizationId);
    }

    /** Medical partners directly below an organization. */
    public List<Long> partnersBelow(long organizationId) {
        return jdbc.queryForList("SELECT id FROM organization WHERE parent_id = ? AND kind = 'MEDICAL_PARTNER' ORDER BY id",
                Long.class, organizationId);
    }

    /**
     * The escalation policy's steps JSON for the kind: the nearest organization in the chain that has
     * one wins, an exact kind before '*'.
     */
    public Optional<String> policySteps(List<Long> chainNearestFirst, String kind) {
        Long[] ids = chainNearestFirst.toArray(Long[]::new);
        return jdbc.query("""
                SELECT steps::text FROM escalation_policy
                WHERE enabled AND organization_id = ANY (?) AND alert_kind IN (?, '*')
                ORDER BY array_position(?, organization_id), alert_kind = '*' LIMIT 1""",
                ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids));
                    ps.setString(2, kind);
                    ps.setArray(3, ps.getConnection().createArrayOf("bigint", ids));
                },
                (rs, i) -> rs.getString(1)).stream().findFirst();
    }

    public List<Endpoint> endpoints(long organizationId) {
        return jdbc.query("SELECT id, organization_id, channel, name, url, phone FROM notification_endpoint WHERE organization_id = ? AND enabled ORDER BY id",
                (rs, i) -> new Endpoint(rs.getLong("id"), rs.getLong("organization_id"), rs.getString("channel"),
                        rs.getString("name"), rs.getString("url"), rs.getString("phone")),
                organizationId);
    }

    public List<Contact> contacts(long elderId) {
        return jdbc.query("SELECT id, name, relation, phone, webhook_url FROM elder_contact WHERE elder_id = ? ORDER BY priority, id",
                (rs, i) -> new Contact(rs.getLong("id"), rs.getString("name"), rs.getString("relation"),
                        rs.getString("phone"), rs.getString("webhook_url")),
                elderId);
    }

    /** Family members with an account linked to the elder (family_link), with the phone of their account. */
    public List<FamilyAccount> familyAccounts(long elderId) {
        return jdbc.query("""
                SELECT u.id, u.display_name, fl.relation, u.phone FROM family_link fl JOIN app_user u ON u.id = fl.user_id
                WHERE fl.elder_id = ? AND u.enabled AND u.role = 'FAMILY' ORDER BY u.id""",
                (rs, i) -> new FamilyAccount(rs.getLong("id"), rs.getString("display_name"), rs.getString("relation"),
                        rs.getString("phone")),
                elderId);
    }

    /**
     * The elder's handset for ALERT_ACK downlinks: the given device when it is one, else any enabled
     * handset. A protocol watch counts as one (it has the SOS key and shows the text, docs/protocol-watch.md).
     */
    public Optional<String> handset(long elderId, String preferredDeviceId) {
        return jdbc.query("""
                SELECT id FROM device WHERE elder_id = ? AND kind IN ('HANDSET', 'WATCH') AND enabled
                ORDER BY (id = ?) DESC, online DESC, last_seen_at DESC NULLS LAST LIMIT 1""",
                (rs, i) -> rs.getString(1), elderId, preferredDeviceId == null ? "" : preferredDeviceId).stream().findFirst();
    }
}
