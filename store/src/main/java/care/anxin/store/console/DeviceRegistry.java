package care.anxin.store.console;

import care.anxin.store.page.Keyset;
import care.anxin.store.page.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Device registration, binding, secrets (stored only hashed) and enabling/disabling. */
public class DeviceRegistry {

    public record DeviceRow(String id, String kind, String protocol, long organizationId, Long elderId, String elderName, String model,
                            String firmware, boolean enabled, boolean online, Integer battery, Instant lastSeenAt,
                            Instant secretRotatedAt, Instant createdAt) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public DeviceRegistry(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code protocol}: MQTT or WATCH (care.anxin.domain.device.DeviceProtocol). */
    public void register(String id, String kind, String protocol, long organizationId, Long elderId, String model,
                         String secretHash) {
        jdbc.update("""
                INSERT INTO device (id, kind, protocol, organization_id, elder_id, model, secret_hash)
                VALUES (:id, :kind, :protocol, :org, :elder, :model, :hash)
                """, new MapSqlParameterSource().addValue("id", id).addValue("kind", kind).addValue("protocol", protocol)
                .addValue("org", organizationId).addValue("elder", elderId).addValue("model", model)
                .addValue("hash", secretHash));
    }

    public void bind(String id, long elderId) {
        jdbc.update("UPDATE device SET elder_id = :elder WHERE id = :id",
                new MapSqlParameterSource().addValue("id", id).addValue("elder", elderId));
    }

    public void rotateSecret(String id, String secretHash) {
        jdbc.update("UPDATE device SET secret_hash = :hash, secret_rotated_at = now() WHERE id = :id",
                new MapSqlParameterSource().addValue("id", id).addValue("hash", secretHash));
    }

    /** Returns whether the state changed (a device already in that state is left alone). */
    public boolean setEnabled(String id, boolean enabled) {
        return jdbc.update("UPDATE device SET enabled = :enabled WHERE id = :id AND enabled <> :enabled",
                new MapSqlParameterSource().addValue("id", id).addValue("enabled", enabled)) == 1;
    }

    public Page<DeviceRow> list(ViewerScope scope, int limit, String cursor) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String sql = SELECT.replace("FROM device d ", BY_ID.selectColumns() + " FROM device d ") + " WHERE "
                + scope.organizationPredicate("d.organization_id", p) + BY_ID.after(cursor, p) + BY_ID.orderAndLimit(limit, p);
        return Page.of(jdbc.query(sql, p, BY_ID.mapper(DeviceRegistry::row)), limit);
    }

    private static final Keyset BY_ID = new Keyset(Keyset.key("d.id", "text"));

    public Optional<DeviceRow> findVisible(ViewerScope scope, String id) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", id);
        return jdbc.query(SELECT + " WHERE d.id = :id AND " + scope.organizationPredicate("d.organization_id", p), p,
                DeviceRegistry::row).stream().findFirst();
    }

    private static final String SELECT = """
            SELECT d.id, d.kind, d.protocol, d.organization_id, d.elder_id, e.name AS elder_name, d.model, d.firmware, d.enabled,
                   d.online, d.battery_pct, d.last_seen_at, d.secret_rotated_at, d.created_at
            FROM device d LEFT JOIN elder e ON e.id = d.elder_id
            """;

    private static DeviceRow row(ResultSet rs, int i) throws SQLException {
        return new DeviceRow(rs.getString("id"), rs.getString("kind"), rs.getString("protocol"), rs.getLong("organization_id"),
                (Long) rs.getObject("elder_id", Long.class), rs.getString("elder_name"), rs.getString("model"),
                rs.getString("firmware"), rs.getBoolean("enabled"), rs.getBoolean("online"),
                ElderCards.nullableInt(rs, "battery_pct"), Timestamps.instant(rs, "last_seen_at"),
                Timestamps.instant(rs, "secret_rotated_at"), Timestamps.instant(rs, "created_at"));
    }
}
