package care.anxin.store.ingest;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Read side of devices and elders for the gateway: credentials at CONNECT, care plans for classification. */
public class DeviceDirectory {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public DeviceDirectory(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * Many devices' credentials in one query (a reconnect storm logs thousands in at once), each
     * with its stored persistent-session state: null when it has none (table mqtt_session).
     */
    public Map<String, DeviceLogin> logins(Collection<String> deviceIds) {
        if (deviceIds.isEmpty()) {
            return Map.of();
        }
        Map<String, DeviceLogin> found = new HashMap<>();
        jdbc.query("""
                SELECT d.id, d.secret_hash, d.enabled, d.elder_id, d.organization_id, d.protocol, s.command_subscribed
                FROM device d LEFT JOIN mqtt_session s ON s.device_id = d.id WHERE d.id = ANY(?)""",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", deviceIds.toArray())),
                rs -> {
                    DeviceCredentials c = new DeviceCredentials(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                            (Long) rs.getObject(4), rs.getLong(5), DeviceCredentials.protocol(rs.getString(6)));
                    found.put(c.deviceId(), new DeviceLogin(c, (Boolean) rs.getObject(7)));
                });
        return found;
    }

    public Optional<DeviceCredentials> credentials(String deviceId) {
        return jdbc.query("SELECT id, secret_hash, enabled, elder_id, organization_id, protocol FROM device WHERE id = ?",
                (rs, n) -> new DeviceCredentials(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        (Long) rs.getObject(4), rs.getLong(5), DeviceCredentials.protocol(rs.getString(6))), deviceId).stream().findFirst();
    }

    /**
     * Replaces a verified legacy hash by its fast form, unless the secret changed meanwhile. Marked
     * as a re-hash so the device's live session is not revoked (V55 trigger).
     */
    public boolean upgradeSecretHash(String deviceId, String oldHash, String newHash) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            jdbc.queryForObject("SELECT set_config('anxin.secret_rehash', 'on', true)", String.class);
            return jdbc.update("UPDATE device SET secret_hash = ? WHERE id = ? AND secret_hash = ?",
                    newHash, deviceId, oldHash) == 1;
        }));
    }

    public List<ElderProfile> elders(Collection<Long> elderIds) {
        if (elderIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT id, birth_date, care_plan::text FROM elder WHERE id = ANY(?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("int8", elderIds.toArray())),
                (rs, n) -> new ElderProfile(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3)));
    }
}
