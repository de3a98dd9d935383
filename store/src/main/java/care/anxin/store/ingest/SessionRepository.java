package care.anxin.store.ingest;

import java.util.Collection;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Persistent MQTT sessions (clean session / clean start = false): whether the device subscribed
 * to its command topic, kept in the database so any gateway node can resume the session.
 */
public class SessionRepository {

    private final JdbcTemplate jdbc;

    public SessionRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored session: empty if none, else whether the command topic is subscribed. */
    public Optional<Boolean> subscribed(String deviceId) {
        return jdbc.queryForList("SELECT command_subscribed FROM mqtt_session WHERE device_id = ?",
                Boolean.class, deviceId).stream().findFirst();
    }

    public void save(String deviceId, boolean commandSubscribed) {
        jdbc.update("""
                INSERT INTO mqtt_session (device_id, command_subscribed, updated_at) VALUES (?, ?, now())
                ON CONFLICT (device_id) DO UPDATE SET command_subscribed = EXCLUDED.command_subscribed,
                                                      updated_at = now()""", deviceId, commandSubscribed);
    }

    /** Drops the stored sessions of devices that connected with a clean session, in one statement. */
    public void deleteAll(Collection<String> deviceIds) {
        if (!deviceIds.isEmpty()) {
            jdbc.update("DELETE FROM mqtt_session WHERE device_id = ANY(?)",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", deviceIds.toArray())));
        }
    }

    public void delete(String deviceId) {
        jdbc.update("DELETE FROM mqtt_session WHERE device_id = ?", deviceId);
    }
}
