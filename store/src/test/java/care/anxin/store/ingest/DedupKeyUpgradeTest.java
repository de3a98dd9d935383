package care.anxin.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.store.schema.DatabaseMode;
import care.anxin.store.schema.SchemaMigrator;
import care.anxin.store.test.PrimaryKeys;
import care.anxin.store.test.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * V82 re-orders the de-duplication key to lead with the message's ts (issue 14). An installation
 * upgraded with keys in the table keeps them: a redelivery of a message stored before the upgrade
 * is still stored once, and new messages are still claimed.
 */
class DedupKeyUpgradeTest {

    private final Instant received = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void aMessageStoredBeforeTheUpgradeIsStillADuplicateAfterIt() throws SQLException {
        DataSource ds = TestDatabase.newEmptyDataSource();
        SchemaMigrator.configure(Flyway.configure().dataSource(ds), DatabaseMode.PLAIN).target("81").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        Instant t = received.minusSeconds(30);
        IngestItem before = vitals("WB-9", "WB-9-000001", t, 71);
        // Stored as the ingest path stored it then: the key, and the reading in the observation table.
        jdbc.update("INSERT INTO message_dedup (time, device_id, digest, msg_id, received_at) VALUES (?::timestamptz, ?, ?, ?, ?::timestamptz)",
                t.toString(), "WB-9", before.key().digest(), "WB-9-000001", received.toString());
        jdbc.update("INSERT INTO observation (time, elder_id, device_id, code, value, received_at) VALUES (?::timestamptz, 1, 'WB-9', 'HR', 71, ?::timestamptz)",
                t.toString(), received.toString());
        assertThat(PrimaryKeys.columns(jdbc, "message_dedup")).containsExactly("device_id", "digest", "time");

        assertThat(SchemaMigrator.migrate(ds)).isEqualTo(DatabaseMode.PLAIN);

        assertThat(PrimaryKeys.columns(jdbc, "message_dedup")).containsExactly("time", "device_id", "digest");
        IngestRepository repository = new IngestRepository(ds);
        IngestItem redelivery = vitals("WB-9", "WB-9-000001", t, 71);
        IngestItem next = vitals("WB-9", "WB-9-000002", t.plusSeconds(10), 73);
        assertThat(repository.write(List.of(redelivery, next), List.of(), received.plusSeconds(10)))
                .containsExactly(next.key());
        assertThat(jdbc.queryForList("SELECT value FROM observation WHERE device_id = 'WB-9' ORDER BY time", Double.class))
                .containsExactly(71.0, 73.0);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM message_dedup WHERE device_id = 'WB-9'", Integer.class))
                .isEqualTo(2);
    }

    private IngestItem vitals(String device, String msgId, Instant t, double value) {
        byte[] payload = ("{\"msgId\":\"" + msgId + "\",\"ts\":\"" + t + "\",\"v\":" + value + "}").getBytes(StandardCharsets.UTF_8);
        return new IngestItem(MessageKey.of(device, msgId, t, payload),
                List.of(new ObservationRow(t, 1, device, "HR", value, received, 0)), List.of(), List.of());
    }
}
