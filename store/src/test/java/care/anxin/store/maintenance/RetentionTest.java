package care.anxin.store.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.store.schema.DatabaseMode;
import care.anxin.store.test.TestDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** rejected_message, audit_log and radio_fix are bounded by their configured retention (in both database modes). */
class RetentionTest {

    private final DataSource ds = TestDatabase.newMigratedDataSource();
    private final JdbcTemplate jdbc = new JdbcTemplate(ds);

    @Test
    void oldRejectedMessagesAndAuditRowsArePruned() {
        jdbc.update("""
                INSERT INTO rejected_message (received_at, device_id, reason_code, reason)
                SELECT now() - (i || ' days')::interval, 'noisy', 153, 'bad payload' FROM generate_series(0, 59) i""");
        jdbc.update("""
                INSERT INTO audit_log (at, username, action)
                SELECT now() - (i * 10 || ' days')::interval, 'someone', 'LOGIN' FROM generate_series(0, 59) i""");
        jdbc.update("""
                INSERT INTO radio_fix (time, elder_id, device_id, source, scan, received_at)
                SELECT now() - (i * 10 || ' days')::interval, 1, '8800000015', 'LBS', '{}', now() FROM generate_series(0, 59) i""");
        for (DatabaseMode mode : DatabaseMode.values()) {
            new StoreMaintenance(ds, mode, MaintenanceProperties.defaults()).maintainPartitions().orElseThrow();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rejected_message", Integer.class)).as("30 days kept").isEqualTo(30);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log", Integer.class)).as("400 days kept").isEqualTo(40);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM radio_fix", Integer.class)).as("180 days kept").isEqualTo(18);
    }
}
