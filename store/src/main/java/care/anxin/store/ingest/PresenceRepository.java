package care.anxin.store.ingest;

import care.anxin.domain.event.ContractJson;
import care.anxin.domain.event.DeviceEventKind;
import care.anxin.domain.event.PresenceChange;
import care.anxin.store.notify.DeviceSessionNotice;
import care.anxin.store.notify.NotifyChannel;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** A device that connected to this node: {@code event} asks for DEVICE_ONLINE if it was not online. */
    public record Online(String deviceId, Long elderId, Instant at, boolean event) {
    }

    /**
     * Records that devices connected to this node, in one transaction (a restart's reconnect storm
     * brings thousands a second; one commit each would starve ingest of the database). A device that
     * another gateway had online gets a {@link DeviceSessionNotice} so that gateway closes its old
     * session as taken over (no NOTIFY otherwise). DEVICE_ONLINE is written for those asking for it
     * that were not online already (a device moving between gateways, or back within the grace
     * period, never went offline). One entry per device (the newest).
     */
    public void online(Collection<Online> devices, String node, PresenceChange payload) {
        if (devices.isEmpty()) {
            return;
        }
        String[] ids = devices.stream().map(Online::deviceId).toArray(String[]::new);
        String[] ats = devices.stream().map(o -> o.at().toString()).toArray(String[]::new);
        tx.executeWithoutResult(s -> {
            Map<String, Boolean> wasOnline = new HashMap<>();
            List<String> moved = new ArrayList<>();
            jdbc.query("""
                    WITH input AS (SELECT * FROM unnest(?::text[], ?::text[]) AS u(id, at)),
                         prev AS (SELECT d.id, d.online, d.gateway_node FROM device d JOIN input i ON i.id = d.id
                                  ORDER BY d.id FOR UPDATE OF d)
                    UPDATE device d SET online = TRUE, gateway_node = ?, last_connected_at = i.at::timestamptz,
                           last_seen_at = GREATEST(d.last_seen_at, i.at::timestamptz)
                    FROM input i JOIN prev p ON p.id = i.id WHERE d.id = i.id
                    RETURNING d.id, p.online, p.gateway_node""", ps -> {
                var c = ps.getConnection();
                ps.setArray(1, c.createArrayOf("text", ids));
                ps.setArray(2, c.createArrayOf("text", ats));
                ps.setString(3, node);
            }, rs -> {
                String id = rs.getString(1);
                boolean online = rs.getBoolean(2);
                String previousNode = rs.getString(3);
                wasOnline.put(id, online);
                if (online && previousNode != null && !node.equals(previousNode)) {
                    moved.add(id);
                }
            });
            for (Online o : devices) {
                if (moved.contains(o.deviceId())) {
                    jdbc.queryForObject("SELECT pg_notify(?, ?)", String.class, NotifyChannel.DEVICE_SESSION.sqlName(),
                            new DeviceSessionNotice(o.deviceId(), node, o.at()).payload());
                }
                if (o.event() && Boolean.FALSE.equals(wasOnline.get(o.deviceId()))) {
                    insertEvent(o.deviceId(), o.elderId(), DeviceEventKind.DEVICE_ONLINE, o.at(), payload);
                }
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
                SELECT id, secret_hash, enabled, elder_id, organization_id, protocol FROM device
                WHERE online AND gateway_node = ? AND last_connected_at < ?""",
                (rs, n) -> new DeviceCredentials(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        (Long) rs.getObject(4), rs.getLong(5), DeviceCredentials.protocol(rs.getString(6))), node, Timestamp.from(before));
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
