package care.anxin.store.console;

import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** Doctor contracts, notification endpoints and escalation policies, as admins configure them. */
public class PartnerSettings {

    public record EndpointRow(long id, long organizationId, String channel, String name, String url, String phone,
                              boolean hasSecret, boolean enabled) {
    }

    public record PolicyRow(long id, long organizationId, String alertKind, String name, String stepsJson,
                            boolean enabled) {
    }

    public record ContractRow(long id, long elderId, String elderName, long doctorUserId, String doctorName,
                              LocalDate validFrom, LocalDate validTo) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public PartnerSettings(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long createContract(long elderId, long doctorUserId, LocalDate validFrom, LocalDate validTo) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO doctor_contract (elder_id, doctor_user_id, valid_from, valid_to)
                VALUES (:elder, :doctor, COALESCE(:from, CURRENT_DATE), :to)
                ON CONFLICT (elder_id, doctor_user_id) DO UPDATE
                    SET valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to
                """, new MapSqlParameterSource().addValue("elder", elderId).addValue("doctor", doctorUserId)
                .addValue("from", validFrom).addValue("to", validTo), keys, new String[] {"id"});
        return keys.getKey().longValue();
    }

    public List<ContractRow> contracts(ViewerScope scope) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        return jdbc.query("""
                SELECT c.id, c.elder_id, e.name AS elder_name, c.doctor_user_id, u.display_name, c.valid_from, c.valid_to
                FROM doctor_contract c JOIN elder e ON e.id = c.elder_id JOIN app_user u ON u.id = c.doctor_user_id
                WHERE """ + scope.elderPredicate("e.organization_id", "e.id", p) + " ORDER BY c.id", p,
                (rs, i) -> new ContractRow(rs.getLong("id"), rs.getLong("elder_id"), rs.getString("elder_name"),
                        rs.getLong("doctor_user_id"), rs.getString("display_name"),
                        rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class)));
    }

    public long createEndpoint(long organizationId, String channel, String name, String url, String secret,
                               String phone) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO notification_endpoint (organization_id, channel, name, url, secret, phone)
                VALUES (:org, :channel, :name, :url, :secret, :phone)
                """, new MapSqlParameterSource().addValue("org", organizationId).addValue("channel", channel)
                .addValue("name", name).addValue("url", url).addValue("secret", secret).addValue("phone", phone),
                keys, new String[] {"id"});
        return keys.getKey().longValue();
    }

    public List<EndpointRow> endpoints(ViewerScope scope) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        return jdbc.query("SELECT * FROM notification_endpoint n WHERE "
                + scope.organizationPredicate("n.organization_id", p) + " ORDER BY n.id", p,
                (rs, i) -> new EndpointRow(rs.getLong("id"), rs.getLong("organization_id"), rs.getString("channel"),
                        rs.getString("name"), rs.getString("url"), rs.getString("phone"), rs.getString("secret") != null,
                        rs.getBoolean("enabled")));
    }

    /** Creates or replaces the policy of an organization for an alert kind ('*' = any). */
    public long upsertPolicy(long organizationId, String alertKind, String name, String stepsJson) {
        return jdbc.queryForObject("""
                INSERT INTO escalation_policy (organization_id, alert_kind, name, steps)
                VALUES (:org, :kind, :name, CAST(:steps AS jsonb))
                ON CONFLICT (organization_id, alert_kind) DO UPDATE
                    SET name = EXCLUDED.name, steps = EXCLUDED.steps, enabled = TRUE
                RETURNING id
                """, new MapSqlParameterSource().addValue("org", organizationId).addValue("kind", alertKind)
                .addValue("name", name).addValue("steps", stepsJson), Long.class);
    }

    public List<PolicyRow> policies(ViewerScope scope) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        return jdbc.query("SELECT * FROM escalation_policy x WHERE "
                + scope.organizationPredicate("x.organization_id", p) + " ORDER BY x.organization_id, x.alert_kind", p,
                (rs, i) -> new PolicyRow(rs.getLong("id"), rs.getLong("organization_id"), rs.getString("alert_kind"),
                        rs.getString("name"), rs.getString("steps"), rs.getBoolean("enabled")));
    }
}
