package care.anxin.store.embedded;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded PostgreSQL as its own process for {@code ./anxin demo}:
 * {@code java -cp store.jar care.anxin.store.embedded.EmbeddedDatabaseMain [dataDir] [port]}.
 * Prints one "READY jdbc-url" line when it accepts connections and stops cleanly on SIGTERM.
 */
public final class EmbeddedDatabaseMain {

    private EmbeddedDatabaseMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args.length > 0 ? args[0] : "var/pg");
        int port = Integer.parseInt(args.length > 1 ? args[1] : System.getenv().getOrDefault("ANXIN_DB_PORT", "55432"));
        EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                database.close();
                System.out.println("Embedded PostgreSQL stopped");
            } catch (Exception e) {
                System.err.println("Embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "embedded-postgres-stop"));
        System.out.println("READY " + database.jdbcUrl() + " (embedded PostgreSQL 17, data in " + dataDir.toAbsolutePath() + ")");
        stopped.await();
    }
}
