package care.anxin.store.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The embedded PostgreSQL (zonky, PostgreSQL 17 binaries) that {@code ./anxin demo} runs by
 * default. Its data directory survives restarts; the role and database "anxin" are created on
 * first start.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "anxin";
    public static final String USER = "anxin";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL on the given port with its data under {@code dataDirectory}. */
    public static EmbeddedDatabase start(Path dataDirectory, int port) throws IOException, SQLException {
        Files.createDirectories(dataDirectory);
        boolean fresh = !Files.exists(dataDirectory.resolve("PG_VERSION"));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "300")
                .setServerConfig("shared_buffers", "512MB")
                // Ack means durable: a commit reaches the disk before the gateway acknowledges it
                // (zonky's default is fsync=off, which only survives a crash of PostgreSQL itself).
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                // Fewer checkpoints, so fewer full-page images in the WAL of a write-heavy load
                // (docs/operations.md lists the recommended production settings).
                .setServerConfig("max_wal_size", "2GB")
                .setServerConfig("checkpoint_timeout", "15min")
                // A new WAL segment is not written full of zeros under the WAL write lock (a 20-70 ms
                // stall of every commit every ~2 s at 10,000 msg/s until checkpoints recycle segments).
                .setServerConfig("wal_init_zero", "off")
                .start();
        EmbeddedDatabase database = new EmbeddedDatabase(postgres);
        database.ensureRoleAndDatabase();
        if (fresh) {
            System.out.println("Created a new embedded database in " + dataDirectory.toAbsolutePath());
        }
        return database;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    public int port() {
        return postgres.getPort();
    }

    private void ensureRoleAndDatabase() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (!exists(s, "SELECT 1 FROM pg_roles WHERE rolname = '" + USER + "'")) {
                s.execute("CREATE ROLE " + USER + " LOGIN SUPERUSER PASSWORD 'anxin'");
            }
            if (!exists(s, "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                // Byte-order text comparison (PostgreSQL 17's builtin C.UTF-8: the same order as glibc's
                // C.UTF-8, without a strcoll call per comparison in every text index on the ingest path).
                s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER
                        + " TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER builtin BUILTIN_LOCALE 'C.UTF-8'");
            }
        }
    }

    private static boolean exists(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next();
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
