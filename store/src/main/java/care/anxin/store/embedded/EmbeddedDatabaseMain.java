package care.anxin.store.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
        String busy = portInUse(port);
        if (busy != null) {
            System.out.println("FAILED: port " + port + " is in use (" + busy + "); set ANXIN_DB_PORT to a free port");
            System.exit(1);
        }
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

    /** Null when PostgreSQL can bind the port; otherwise why not. PostgreSQL's own failure costs a minute's wait. */
    private static String portInUse(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
