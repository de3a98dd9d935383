package care.anxin.simulator.bench;

import care.anxin.domain.wire.DeviceSecretHash;
import care.anxin.simulator.load.DeviceCredential;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Bench-only loader: a bench care center with N elders and one wristband each, written straight
 * into the database (COPY-speed batch SQL), because registering 10,000 devices through the API
 * costs one API call each. Every bench device shares one secret, stored in the production form the
 * admin API writes ({@link DeviceSecretHash}, {@code $hs256$}): a legacy BCrypt hash made every
 * first login of a run a BCrypt check plus a hash upgrade, which is not what a registered fleet
 * costs. Idempotent: existing bench elders and devices are reused, and a hash that already
 * verifies the bench secret is kept (rewriting it would revoke live sessions).
 */
public final class BenchFleet {

    public static final String CENTER_CODE = "BENCH-CENTER";
    public static final String DEVICE_PREFIX = "BN-";
    public static final String SECRET = "bench-device-secret";

    /** @param elderIds bench elders by device index (device {@code BN-000001} belongs to elderIds[0]) */
    public record Fleet(long centerId, List<DeviceCredential> devices, List<Long> elderIds) {
    }

    private BenchFleet() {
    }

    public static Connection connect(String url, String user, String password) throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    public static Fleet ensure(Connection db, int count) throws SQLException {
        long centerId = center(db);
        int existing;
        try (PreparedStatement st = db.prepareStatement("SELECT count(*) FROM device WHERE id LIKE 'BN-%' AND organization_id = ?")) {
            st.setLong(1, centerId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                existing = rs.getInt(1);
            }
        }
        String hash = DeviceSecretHash.hash(SECRET);
        if (existing < count) {
            try (PreparedStatement st = db.prepareStatement("""
                    WITH e AS (
                      INSERT INTO elder (organization_id, name, gender, birth_date, home_lat, home_lon, home_radius_m)
                      SELECT ?, '压测老人' || g, CASE WHEN g % 2 = 0 THEN 'F' ELSE 'M' END, date '1948-05-01' + (g % 3000),
                             31.23 + (g % 100) * 0.0005, 121.47 + (g / 100 % 100) * 0.0005, 500
                      FROM generate_series(?, ?) g
                      RETURNING id, name)
                    INSERT INTO device (id, kind, organization_id, elder_id, secret_hash, model)
                    SELECT 'BN-' || lpad(substring(name from 5), 6, '0'), 'WRISTBAND', ?, id, ?, 'bench' FROM e
                    """)) {
                st.setLong(1, centerId);
                st.setInt(2, existing + 1);
                st.setInt(3, count);
                st.setLong(4, centerId);
                st.setString(5, hash);
                st.executeUpdate();
            }
        }
        List<String> stale = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement(
                "SELECT id, secret_hash, enabled FROM device WHERE organization_id = ? AND id LIKE 'BN-%'")) {
            st.setLong(1, centerId);
            try (ResultSet rs = st.executeQuery()) {
                byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
                while (rs.next()) {
                    if (!rs.getBoolean(3) || !DeviceSecretHash.matches(secret, rs.getString(2))) {
                        stale.add(rs.getString(1));
                    }
                }
            }
        }
        try (PreparedStatement st = db.prepareStatement("UPDATE device SET secret_hash = ?, enabled = TRUE WHERE id = ANY (?)")) {
            st.setString(1, hash);
            st.setArray(2, db.createArrayOf("text", stale.toArray()));
            st.executeUpdate();
        }
        List<DeviceCredential> devices = new ArrayList<>(count);
        List<Long> elderIds = new ArrayList<>(count);
        try (PreparedStatement st = db.prepareStatement(
                "SELECT id, elder_id FROM device WHERE organization_id = ? AND id LIKE 'BN-%' ORDER BY id LIMIT ?")) {
            st.setLong(1, centerId);
            st.setInt(2, count);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    devices.add(new DeviceCredential(rs.getString(1), SECRET));
                    elderIds.add(rs.getLong(2));
                }
            }
        }
        return new Fleet(centerId, devices, elderIds);
    }

    /** Id prefix of bench watches: ten digits like a real registration code ({@code 8700000001}). */
    public static final String WATCH_PREFIX = "87";

    /**
     * N bench elders wearing a protocol watch each (kind WATCH, ids {@code 87} + eight digits; the
     * protocol has no password, so an enabled registered id is all a watch needs). Idempotent.
     */
    public static Fleet ensureWatches(Connection db, int count) throws SQLException {
        long centerId = center(db);
        int existing;
        try (PreparedStatement st = db.prepareStatement(
                "SELECT count(*) FROM device WHERE id LIKE '87%' AND kind = 'WATCH' AND organization_id = ?")) {
            st.setLong(1, centerId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                existing = rs.getInt(1);
            }
        }
        if (existing < count) {
            try (PreparedStatement st = db.prepareStatement("""
                    WITH e AS (
                      INSERT INTO elder (organization_id, name, gender, birth_date, home_lat, home_lon, home_radius_m)
                      SELECT ?, '压测手表' || lpad(g::text, 8, '0'), CASE WHEN g % 2 = 0 THEN 'F' ELSE 'M' END,
                             date '1946-03-01' + (g % 3000), 31.22 + (g % 100) * 0.0005, 121.46 + (g / 100 % 100) * 0.0005, 500
                      FROM generate_series(?, ?) g
                      RETURNING id, name)
                    INSERT INTO device (id, kind, protocol, organization_id, elder_id, secret_hash, model)
                    SELECT '87' || substring(name from 5), 'WATCH', 'WATCH', ?, id, '-', 'bench 3G watch' FROM e
                    """)) {
                st.setLong(1, centerId);
                st.setInt(2, existing + 1);
                st.setInt(3, count);
                st.setLong(4, centerId);
                st.executeUpdate();
            }
        }
        try (PreparedStatement st = db.prepareStatement(
                "UPDATE device SET enabled = TRUE WHERE organization_id = ? AND id LIKE '87%' AND kind = 'WATCH'")) {
            st.setLong(1, centerId);
            st.executeUpdate();
        }
        List<DeviceCredential> devices = new ArrayList<>(count);
        List<Long> elderIds = new ArrayList<>(count);
        try (PreparedStatement st = db.prepareStatement("SELECT id, elder_id FROM device WHERE organization_id = ? "
                + "AND id LIKE '87%' AND kind = 'WATCH' ORDER BY id LIMIT ?")) {
            st.setLong(1, centerId);
            st.setInt(2, count);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    devices.add(new DeviceCredential(rs.getString(1), null));
                    elderIds.add(rs.getLong(2));
                }
            }
        }
        return new Fleet(centerId, devices, elderIds);
    }

    /** Makes these bench devices one-key handsets (they get ALERT_ACK downlinks for their SOS). */
    public static void makeHandsets(Connection db, List<DeviceCredential> devices) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("UPDATE device SET kind = 'HANDSET' WHERE id = ANY (?)")) {
            st.setArray(1, db.createArrayOf("text", devices.stream().map(DeviceCredential::deviceId).toArray()));
            st.executeUpdate();
        }
    }

    /** Devices for a plain broker (no database, no secrets needed). */
    public static List<DeviceCredential> anonymous(int count) {
        List<DeviceCredential> devices = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            devices.add(new DeviceCredential(String.format("BN-%06d", i), SECRET));
        }
        return devices;
    }

    /**
     * After a bench: its devices are disabled, so a thousand bench wristbands that just went quiet
     * do not become DEVICE_OFFLINE incidents on the boards of the demo they ran against (open ones
     * auto-resolve, as their condition needs an enabled device). The next bench enables them again.
     */
    public static int park(Connection db) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("""
                UPDATE device SET enabled = FALSE
                WHERE enabled AND organization_id = (SELECT id FROM organization WHERE code = ?)""")) {
            st.setString(1, CENTER_CODE);
            return st.executeUpdate();
        }
    }

    private static long center(Connection db) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("SELECT id FROM organization WHERE code = ?")) {
            st.setString(1, CENTER_CODE);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
        }
        // Under the operator's root when there is one, so the admin (and bench users) can see it.
        try (PreparedStatement st = db.prepareStatement("""
                INSERT INTO organization (parent_id, kind, code, name, name_en)
                VALUES ((SELECT id FROM organization WHERE parent_id IS NULL ORDER BY id LIMIT 1),
                        'COMMUNITY_CENTER', ?, '压测社区服务中心', 'Bench care center') RETURNING id""")) {
            st.setString(1, CENTER_CODE);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
