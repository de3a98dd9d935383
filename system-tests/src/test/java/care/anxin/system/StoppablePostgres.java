package care.anxin.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An embedded PostgreSQL of its own that can be stopped (pg_ctl stop: connections cut, port
 * closed) and started again on the same port and data directory, like a database server restart.
 */
final class StoppablePostgres implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    StoppablePostgres() throws IOException {
        dataDirectory = Files.createTempDirectory("anxin-stoppable-pg");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        start();
    }

    synchronized void start() throws IOException {
        server = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("max_connections", "200").start();
    }

    synchronized void stop() throws IOException {
        server.close();
        server = null;
    }

    /** A new empty database on this server. */
    String newDatabaseUrl(String name) {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    @Override
    public synchronized void close() throws IOException {
        if (server != null) {
            server.close();
        }
        try (var files = Files.walk(dataDirectory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
