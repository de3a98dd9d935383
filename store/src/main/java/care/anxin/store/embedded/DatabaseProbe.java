package care.anxin.store.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * {@code ./anxin demo}'s database readiness check: connects and runs {@code SELECT 1}.
 * {@code java -cp … care.anxin.store.embedded.DatabaseProbe jdbc-url user password}; exits 0 when
 * the database answers, otherwise prints one line with the driver's reason and exits 1. Used for the
 * embedded database and for an external one ({@code ANXIN_DB_URL}) before any service starts.
 */
public final class DatabaseProbe {

    private DatabaseProbe() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: DatabaseProbe jdbc-url user password");
            System.exit(2);
        }
        String reason = probe(args[0], args[1], args[2], 5);
        if (reason != null) {
            System.out.println(reason);
            System.exit(1);
        }
        System.out.println("database answers at " + args[0]);
    }

    /** Null when {@code SELECT 1} answered, otherwise why not (one line). */
    public static String probe(String url, String user, String password, int timeoutSeconds) {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
        props.setProperty("socketTimeout", Integer.toString(timeoutSeconds));
        props.setProperty("ApplicationName", "anxin-demo-probe");
        try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            return rs.next() ? null : "SELECT 1 returned no row";
        } catch (SQLException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            return message.replaceAll("\\s+", " ").trim();
        }
    }
}
