package care.anxin.store.ingest;

import care.anxin.domain.event.ContractJson;
import care.anxin.domain.event.DeviceEventKind;
import care.anxin.domain.event.PresenceChange;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Device presence and liveness: online/offline state with DEVICE_ONLINE / DEVICE_OFFLINE events,
 * and batched last-seen/battery updates (never a write per message).
 */
public class PresenceRepository {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public PresenceRepository(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Records that the device connected to this node; writes DEVICE_ONLINE when {@code event} is true. */
    public void online(String deviceId, Long elderId, String node, Instant at, boolean event, PresenceChange payload) {
        tx.executeWithoutResult(s -> {
            jdbc.update("""
                    UPDATE device SET online = TRUE, gateway_node = ?, last_connected_at = ?,
                           last_seen_at = GREATEST(last_seen_at, ?) WHERE id = ?""",
                    node, Timestamp.from(at), Timestamp.from(at), deviceId);
            if (event) {
                insertEvent(deviceId, elderId, DeviceEventKind.DEVICE_ONLINE, at, payload);
            }
        });
    }

    /**
     * Marks the device offline and writes DEVICE_OFFLINE, but only if this node still holds the
     * newest connection of the device (it may have reconnected elsewhere). Returns whether it did.
     */
    public boolean offline(String deviceId, Long elderId, String node, Instant connectedAt, Instant at,
                           PresenceChange payload) {
        Boolean done = tx.execute(s -> {
            int n = jdbc.update("""
                    UPDATE device SET online = FALSE
                    WHERE id = ? AND online AND gateway_node = ? AND last_connected_at <= ?""",
                    deviceId, node, Timestamp.from(connectedAt));
            if (n == 1) {
                insertEvent(deviceId, elderId, DeviceEventKind.DEVICE_OFFLINE, at, payload);
            }
            return n == 1;
        });
        return Boolean.TRUE.equals(done);
    }

    /** Devices this node marked online before {@code before} (a previous run that ended without goodbye). */
    public List<DeviceCredentials> heldOnlineBefore(String node, Instant before) {
        return jdbc.query("""
                SELECT id, secret_hash, enabled, elder_id, organization_id FROM device
                WHERE online AND gateway_node = ? AND last_connected_at < ?""",
                (rs, n) -> new DeviceCredentials(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        (Long) rs.getObject(4), rs.getLong(5)), node, Timestamp.from(before));
    }

    /** Writes last_seen/battery/firmware for many devices in one statement. */
    public void touch(Collection<DeviceActivity> activity) {
        if (activity.isEmpty()) {
            return;
        }
        String[] ids = activity.stream().map(DeviceActivity::deviceId).toArray(String[]::new);
        String[] seen = activity.stream().map(a -> a.lastSeen().toString()).toArray(String[]::new);
        Integer[] battery = activity.stream().map(DeviceActivity::battery).toArray(Integer[]::new);
        String[] firmware = activity.stream().map(DeviceActivity::firmware).toArray(String[]::new);
        jdbc.update("""
                UPDATE device d SET last_seen_at = GREATEST(d.last_seen_at, u.seen::timestamptz),
                       battery_pct = COALESCE(u.battery::smallint, d.battery_pct),
                       firmware = COALESCE(u.firmware, d.firmware)
                FROM unnest(?::text[], ?::text[], ?::int[], ?::text[]) AS u(id, seen, battery, firmware)
                WHERE d.id = u.id""", ps -> {
            var c = ps.getConnection();
            ps.setArray(1, c.createArrayOf("text", ids));
            ps.setArray(2, c.createArrayOf("text", seen));
            ps.setArray(3, c.createArrayOf("int4", battery));
            ps.setArray(4, c.createArrayOf("text", firmware));
        });
    }

    private void insertEvent(String deviceId, Long elderId, DeviceEventKind kind, Instant at, PresenceChange payload) {
        jdbc.update("""
                INSERT INTO device_event (elder_id, device_id, kind, occurred_at, received_at, payload)
                VALUES (?, ?, ?, ?, ?, ?::jsonb)""",
                elderId, deviceId, kind.name(), Timestamp.from(at), Timestamp.from(at), ContractJson.write(payload));
    }
}
