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
