package care.anxin.store.console;

import care.anxin.store.page.Keyset;
import care.anxin.store.page.Page;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** API keys, stored as SHA-256 hashes (the keys are long random secrets). */
public class ApiKeyRepository {

    /** What an API key authenticates as. */
    public record ApiKeyIdentity(long id, String name, Role role, OrganizationRef organization,
                                 String organizationPath, long createdBy) {
    }

    public record ApiKeySummary(long id, String name, String prefix, Role role, long organizationId,
                                long createdBy, Instant createdAt, Instant lastUsedAt, Instant revokedAt,
                                Instant expiresAt) {
    }

    private static final Keyset BY_ID = new Keyset(Keyset.key("k.id", "bigint"));

    private final NamedParameterJdbcTemplate jdbc;

    public ApiKeyRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long create(String name, String keyHash, String keyPrefix, Role role, long organizationId, long createdBy,
                       Instant expiresAt) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO api_key (name, key_hash, key_prefix, role, organization_id, created_by, expires_at)
                VALUES (:name, :hash, :prefix, :role, :org, :by, :expires)
                """, new MapSqlParameterSource().addValue("expires", java.sql.Timestamp.from(expiresAt)).addValue("name", name).addValue("hash", keyHash)
                .addValue("prefix", keyPrefix).addValue("role", role.name()).addValue("org", organizationId)
                .addValue("by", createdBy), keys, new String[] {"id"});
        return keys.getKey().longValue();
    }

    /**
     * The active key with this hash: not revoked, not expired, and its creator still enabled (a key
     * acts on the creator's behalf). Touches last_used_at at most once a minute.
     */
    public Optional<ApiKeyIdentity> findActive(String keyHash) {
        MapSqlParameterSource p = new MapSqlParameterSource("hash", keyHash);
        Optional<ApiKeyIdentity> found = jdbc.query("""
                SELECT k.id, k.name, k.role, k.created_by, o.id AS org_id, o.name AS org_name, o.kind AS org_kind, o.path
                FROM api_key k JOIN organization o ON o.id = k.organization_id JOIN app_user u ON u.id = k.created_by
                WHERE k.key_hash = :hash AND k.revoked_at IS NULL AND k.expires_at > now() AND u.enabled
                """, p, (rs, i) -> new ApiKeyIdentity(rs.getLong("id"), rs.getString("name"),
                Role.valueOf(rs.getString("role")),
                new OrganizationRef(rs.getLong("org_id"), rs.getString("org_name"), rs.getString("org_kind")),
                rs.getString("path"), rs.getLong("created_by"))).stream().findFirst();
        found.ifPresent(k -> jdbc.update("UPDATE api_key SET last_used_at = now() WHERE id = :id"
                + " AND (last_used_at IS NULL OR last_used_at < now() - INTERVAL '1 minute')",
                new MapSqlParameterSource("id", k.id())));
        return found;
    }

    public Page<ApiKeySummary> list(ViewerScope scope, int limit, String cursor) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String sql = "SELECT k.*" + BY_ID.selectColumns() + " FROM api_key k WHERE "
                + scope.organizationPredicate("k.organization_id", p) + BY_ID.after(cursor, p) + BY_ID.orderAndLimit(limit, p);
        return Page.of(jdbc.query(sql, p, BY_ID.mapper((rs, i) -> new ApiKeySummary(rs.getLong("id"), rs.getString("name"),
                rs.getString("key_prefix"), Role.valueOf(rs.getString("role")), rs.getLong("organization_id"),
                rs.getLong("created_by"), Timestamps.instant(rs, "created_at"), Timestamps.instant(rs, "last_used_at"),
                Timestamps.instant(rs, "revoked_at"), Timestamps.instant(rs, "expires_at")))), limit);
    }

    /** Revokes a key in the viewer's scope; false when there is none. */
    public boolean revoke(ViewerScope scope, long id) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", id);
        return jdbc.update("UPDATE api_key k SET revoked_at = now() WHERE k.id = :id AND k.revoked_at IS NULL AND "
                + scope.organizationPredicate("k.organization_id", p), p) == 1;
    }
}
