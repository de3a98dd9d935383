package care.anxin.store.ingest;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /** A verified legacy hash and the fast form that replaces it. */
    public record HashUpgrade(String deviceId, String oldHash, String newHash) {
    }

    /**
     * Replaces verified legacy hashes by their fast form in one statement (a fleet's first logins
     * after a migration arrive together; one commit per device serialised the login threads),
     * unless a secret changed meanwhile. Marked as a re-hash so the devices' live sessions are not
     * revoked (V55 trigger). Returns the ids whose hash was replaced.
     */
    public Set<String> upgradeSecretHashes(List<HashUpgrade> upgrades) {
        if (upgrades.isEmpty()) {
            return Set.of();
        }
        Set<String> replaced = new HashSet<>();
        tx.executeWithoutResult(s -> {
            jdbc.queryForObject("SELECT set_config('anxin.secret_rehash', 'on', true)", String.class);
            jdbc.query("""
                    UPDATE device d SET secret_hash = u.new_hash
                    FROM unnest(?::text[], ?::text[], ?::text[]) AS u(id, old_hash, new_hash)
                    WHERE d.id = u.id AND d.secret_hash = u.old_hash RETURNING d.id""",
                    ps -> {
                        var c = ps.getConnection();
                        ps.setArray(1, c.createArrayOf("text", upgrades.stream().map(HashUpgrade::deviceId).toArray()));
                        ps.setArray(2, c.createArrayOf("text", upgrades.stream().map(HashUpgrade::oldHash).toArray()));
                        ps.setArray(3, c.createArrayOf("text", upgrades.stream().map(HashUpgrade::newHash).toArray()));
                    },
                    rs -> {
                        replaced.add(rs.getString(1));
                    });
        });
        return replaced;
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
