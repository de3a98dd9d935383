package care.anxin.store.maintenance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A PostgreSQL session-level advisory lock, so only one of several services/instances runs a
 * maintenance task at a time. Held by the connection it was taken on and released with it, even
 * when the process dies.
 */
public enum AdvisoryLock {
    PARTITIONS(1),
    ROLLUPS(2);

    /** First half of the two-int lock key: "anx" in ASCII, so the keys don't collide with other applications'. */
    private static final int NAMESPACE = 0x616E78;

    private final int id;

    AdvisoryLock(int id) {
        this.id = id;
    }

    /** Takes the lock if it is free; false when another session holds it. */
    public boolean tryAcquire(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, NAMESPACE);
            ps.setInt(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Waits up to {@code timeout} for the lock; false when it did not come free in time. */
    public boolean acquire(Connection connection, Duration timeout) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            // SET LOCAL scopes the timeout to this transaction; the session lock outlives it.
            s.execute("SET LOCAL lock_timeout = " + Math.max(1, timeout.toMillis()));
            s.execute("SELECT pg_advisory_lock(" + NAMESPACE + ", " + id + ")");
            connection.commit();
            return true;
        } catch (SQLException e) {
            connection.rollback();
            if ("55P03".equals(e.getSQLState())) { // lock_not_available
                return false;
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    public void release(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, NAMESPACE);
            ps.setInt(2, id);
            ps.execute();
        }
    }
}
