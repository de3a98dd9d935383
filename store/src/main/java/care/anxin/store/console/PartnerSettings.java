package care.anxin.store.console;

import care.anxin.store.page.Keyset;
import care.anxin.store.page.Page;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** Doctor contracts, notification endpoints and escalation policies, as admins configure them. */
public class PartnerSettings {

    public record EndpointRow(long id, long organizationId, String channel, String name, String url, String phone,
                              boolean hasSecret, boolean enabled, Instant secretRotatedAt) {
    }

    public record PolicyRow(long id, long organizationId, String alertKind, String name, String stepsJson,
                            boolean enabled) {
    }

    public record ContractRow(long id, long elderId, String elderName, long doctorUserId, String doctorName,
                              LocalDate validFrom, LocalDate validTo) {
    }

    private static final Keyset CONTRACTS = new Keyset(Keyset.key("c.id", "bigint"));
    private static final Keyset ENDPOINTS = new Keyset(Keyset.key("n.id", "bigint"));
    private static final Keyset POLICIES = new Keyset(Keyset.key("x.organization_id", "bigint"),
            Keyset.key("x.alert_kind", "text"));

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

    public Page<ContractRow> contracts(ViewerScope scope, int limit, String cursor) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String sql = "SELECT c.id, c.elder_id, e.name AS elder_name, c.doctor_user_id, u.display_name, c.valid_from,"
                + " c.valid_to" + CONTRACTS.selectColumns()
                + " FROM doctor_contract c JOIN elder e ON e.id = c.elder_id JOIN app_user u ON u.id = c.doctor_user_id"
                + " WHERE " + scope.elderPredicate("e.organization_id", "e.id", p) + CONTRACTS.after(cursor, p)
                + CONTRACTS.orderAndLimit(limit, p);
        return Page.of(jdbc.query(sql, p, CONTRACTS.mapper((rs, i) -> new ContractRow(rs.getLong("id"),
                rs.getLong("elder_id"), rs.getString("elder_name"), rs.getLong("doctor_user_id"),
                rs.getString("display_name"), rs.getObject("valid_from", LocalDate.class),
                rs.getObject("valid_to", LocalDate.class)))), limit);
    }

    /** @param secretEnc the endpoint's signing secret, encrypted (EndpointSecretCipher); never plain text */
    public long createEndpoint(long organizationId, String channel, String name, String url, String secretEnc,
                               String phone) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO notification_endpoint (organization_id, channel, name, url, secret_enc, secret_rotated_at, phone)
                VALUES (:org, :channel, :name, :url, :secret, now(), :phone)
                """, new MapSqlParameterSource().addValue("org", organizationId).addValue("channel", channel)
                .addValue("name", name).addValue("url", url).addValue("secret", secretEnc).addValue("phone", phone),
                keys, new String[] {"id"});
        return keys.getKey().longValue();
    }

    /** The organization of an endpoint the viewer may see. */
    public Optional<EndpointRow> findEndpoint(ViewerScope scope, long id) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", id);
        return jdbc.query("SELECT * FROM notification_endpoint n WHERE n.id = :id AND "
                + scope.organizationPredicate("n.organization_id", p), p, PartnerSettings::endpoint).stream().findFirst();
    }

    /**
     * A new secret; the current one becomes the previous one and keeps signing until {@code previousUntil}
     * so receivers can switch over without losing a notification.
     */
    public void rotateEndpointSecret(long id, String secretEnc, Instant previousUntil) {
        jdbc.update("""
                UPDATE notification_endpoint SET previous_secret_enc = secret_enc, previous_until = :until,
                       secret_enc = :secret, secret_rotated_at = now() WHERE id = :id""",
                new MapSqlParameterSource("id", id).addValue("secret", secretEnc)
                        .addValue("until", java.sql.Timestamp.from(previousUntil)));
    }

    public Page<EndpointRow> endpoints(ViewerScope scope, int limit, String cursor) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String sql = "SELECT n.*" + ENDPOINTS.selectColumns() + " FROM notification_endpoint n WHERE "
                + scope.organizationPredicate("n.organization_id", p) + ENDPOINTS.after(cursor, p)
                + ENDPOINTS.orderAndLimit(limit, p);
        return Page.of(jdbc.query(sql, p, ENDPOINTS.mapper(PartnerSettings::endpoint)), limit);
    }

    private static EndpointRow endpoint(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new EndpointRow(rs.getLong("id"), rs.getLong("organization_id"), rs.getString("channel"),
                rs.getString("name"), rs.getString("url"), rs.getString("phone"),
                rs.getString("secret_enc") != null || rs.getString("secret") != null, rs.getBoolean("enabled"),
                Timestamps.instant(rs, "secret_rotated_at"));
    }

    /** Endpoints still holding a plain-text secret from before secrets were encrypted. */
    public java.util.Map<Long, String> legacyPlainSecrets() {
        java.util.Map<Long, String> out = new java.util.LinkedHashMap<>();
        jdbc.query("SELECT id, secret FROM notification_endpoint WHERE secret IS NOT NULL",
                rs -> {
                    out.put(rs.getLong("id"), rs.getString("secret"));
                });
        return out;
    }

    /** Replaces a plain-text secret by its encrypted form. */
    public void encryptLegacySecret(long id, String secretEnc) {
        jdbc.update("UPDATE notification_endpoint SET secret_enc = COALESCE(secret_enc, :secret), secret = NULL,"
                + " secret_rotated_at = COALESCE(secret_rotated_at, now()) WHERE id = :id",
                new MapSqlParameterSource("id", id).addValue("secret", secretEnc));
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

    public Page<PolicyRow> policies(ViewerScope scope, int limit, String cursor) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String sql = "SELECT x.*" + POLICIES.selectColumns() + " FROM escalation_policy x WHERE "
                + scope.organizationPredicate("x.organization_id", p) + POLICIES.after(cursor, p)
                + POLICIES.orderAndLimit(limit, p);
        return Page.of(jdbc.query(sql, p, POLICIES.mapper((rs, i) -> new PolicyRow(rs.getLong("id"),
                rs.getLong("organization_id"), rs.getString("alert_kind"), rs.getString("name"), rs.getString("steps"),
                rs.getBoolean("enabled")))), limit);
    }
}
