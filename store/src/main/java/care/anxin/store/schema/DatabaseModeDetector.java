package care.anxin.store.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Chooses TimescaleDB when the extension is installed or can be installed on the server, plain
 * PostgreSQL otherwise. A database migrated in one mode stays in that mode (a V2 applied without
 * the extension must not be re-planned against it later).
 */
public final class DatabaseModeDetector {

    private DatabaseModeDetector() {
    }

    public static DatabaseMode detect(DataSource dataSource, ModePreference preference) {
        if (preference == ModePreference.PLAIN) {
            return DatabaseMode.PLAIN;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            boolean installed = exists(s, "SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'");
            boolean alreadyPlain = !installed && exists(s,
                    "SELECT 1 FROM pg_class WHERE relname IN ('vital_sample', 'observation') AND relkind = 'p'");
            boolean available = exists(s, "SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'");
            if (installed || (available && !alreadyPlain)) {
                return DatabaseMode.TIMESCALE;
            }
            if (preference == ModePreference.TIMESCALE) {
                throw new IllegalStateException("anxin.store.mode=TIMESCALE but the timescaledb extension is not available"
                        + (alreadyPlain ? " (this database was already migrated for plain PostgreSQL)" : ""));
            }
            return DatabaseMode.PLAIN;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot inspect the database to choose the storage mode: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next();
        }
    }

    /** What the operator asked for with {@code anxin.store.mode}. */
    public enum ModePreference { AUTO, TIMESCALE, PLAIN }
}
