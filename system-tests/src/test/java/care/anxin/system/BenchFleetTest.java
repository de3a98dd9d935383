package care.anxin.system;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.simulator.bench.BenchFleet;
import care.anxin.store.test.TestDatabase;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A bench leaves no live-looking fleet behind in the database it ran against: its devices are
 * disabled afterwards (no DEVICE_OFFLINE flood on a demo's boards) and enabled by the next bench.
 */
class BenchFleetTest {

    @Test
    void benchDevicesAreEnabledForARunAndParkedAfterIt() throws Exception {
        DataSource data = TestDatabase.newMigratedDataSource();
        JdbcTemplate jdbc = new JdbcTemplate(data);
        try (Connection db = data.getConnection()) {
            assertThat(BenchFleet.ensure(db, 5).devices()).hasSize(5);
            assertThat(enabled(jdbc)).isEqualTo(5);

            assertThat(BenchFleet.park(db)).isEqualTo(5);
            assertThat(enabled(jdbc)).isZero();
            assertThat(BenchFleet.park(db)).as("parking twice is a no-op").isZero();

            assertThat(BenchFleet.ensure(db, 5).devices()).hasSize(5);
            assertThat(enabled(jdbc)).as("the next bench brings them back").isEqualTo(5);
        }
    }

    private static long enabled(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*) FROM device WHERE id LIKE 'BN-%' AND enabled", Long.class);
    }
}
