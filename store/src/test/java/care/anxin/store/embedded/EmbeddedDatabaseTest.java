package care.anxin.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void keepsItsDataAcrossAStopAndRestart() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, port);
             Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USER, "anxin");
             Statement s = c.createStatement()) {
            assertThat(db.port()).isEqualTo(port);
            try (ResultSet settings = s.executeQuery("SELECT current_setting('fsync'), current_setting('synchronous_commit'), "
                    + "datlocprovider, datcollate, current_setting('wal_init_zero') FROM pg_database WHERE datname = current_database()")) {
                assertThat(settings.next()).isTrue();
                assertThat(settings.getString(1)).as("fsync: an acknowledged message survives an OS crash").isEqualTo("on");
                assertThat(settings.getString(2)).isEqualTo("on");
                assertThat(settings.getString(3)).as("builtin collation provider").isEqualTo("b");
                assertThat(settings.getString(5)).as("no zero-filled WAL segments under the WAL write lock").isEqualTo("off");
            }
            s.execute("CREATE TABLE kept (v TEXT)");
            s.execute("INSERT INTO kept VALUES ('安心')");
        }
        assertThat(Files.exists(dataDir.resolve("PG_VERSION"))).isTrue();

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, port);
             Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USER, "anxin");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("安心");
        }
    }
}
