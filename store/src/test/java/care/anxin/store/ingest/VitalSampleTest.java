package care.anxin.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import care.anxin.domain.vital.VitalSign;
import care.anxin.store.schema.DatabaseMode;
import care.anxin.store.schema.SchemaMigrator;
import care.anxin.store.test.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Readings are stored as vital samples (V83: one row per device and instant, a column per vital
 * sign) and read back through the {@code observation} view exactly as they were written.
 */
class VitalSampleTest {

    private final DataSource ds = TestDatabase.newMigratedDataSource();
    private final JdbcTemplate jdbc = new JdbcTemplate(ds);
    private final Instant received = Instant.parse("2026-11-30T12:00:00.123456Z");

    @Test
    void everyVitalSignHasAColumnAndComesBackThroughTheView() {
        List<String> columns = jdbc.queryForList("SELECT column_name::text FROM information_schema.columns "
                + "WHERE table_name = 'vital_sample' ORDER BY ordinal_position", String.class);
        assertThat(columns).containsAll(VitalSampleColumns.all());
        assertThat(VitalSampleColumns.all()).hasSize(VitalSign.values().length);
        Instant t = Instant.parse("2026-11-30T11:00:00Z");
        for (VitalSign sign : VitalSign.values()) {
            jdbc.update("INSERT INTO observation (time, elder_id, device_id, code, value) VALUES (?::timestamptz, 5, 'dev', ?, ?)",
                    t.toString(), sign.code(), sign.plausibleMin());
        }
        assertThat(jdbc.queryForList("SELECT code || '=' || value FROM observation WHERE elder_id = 5 ORDER BY code", String.class))
                .containsExactlyElementsOf(Arrays.stream(VitalSign.values()).map(s -> s.code() + "=" + formatted(s.plausibleMin()))
                        .sorted().toList());
        assertThat(jdbc.queryForList("SELECT DISTINCT received_at IS NOT NULL AND flags = 0 FROM observation", Boolean.class))
                .containsExactly(true);
    }

    @Test
    void aReadingWithAnUnknownCodeOrNoValueIsRefused() {
        assertThatThrownBy(() -> jdbc.update(
                "INSERT INTO observation (time, elder_id, device_id, code, value) VALUES (now(), 5, 'dev', 'XYZ', 1)"))
                .hasMessageContaining("unknown vital code XYZ");
        assertThatThrownBy(() -> jdbc.update(
                "INSERT INTO observation (time, elder_id, device_id, code, value) VALUES (now(), 5, 'dev', 'HR', NULL)"))
                .hasMessageContaining("vital_sample_has_reading");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM vital_sample", Integer.class)).isZero();
    }

    @Test
    void aMessagesReadingsAtOneInstantAreOneRowAndOthersGetTheirOwn() throws SQLException {
        Instant ts = Instant.parse("2026-11-30T11:59:00Z");
        Instant own = Instant.parse("2026-11-30T11:58:30Z");
        List<ObservationRow> readings = new ArrayList<>(List.of(
                reading(ts, "HR", 72), reading(ts, "SPO2", 97), reading(ts, "SBP", 128), reading(ts, "DBP", 81),
                reading(own, "TEMP", 36.6),          // its own ts: another sample
                reading(ts, "HR", 74)));             // HR again at ts: another sample
        IngestItem message = new IngestItem(MessageKey.of("WB-7", "WB-7-1", ts, "m1".getBytes(StandardCharsets.UTF_8)),
                readings, List.of(), List.of());
        IngestItem other = new IngestItem(MessageKey.of("WB-8", "WB-8-1", ts, "m2".getBytes(StandardCharsets.UTF_8)),
                List.of(new ObservationRow(ts, 8, "WB-8", "HR", 60, received, 1)), List.of(), List.of());

        new IngestRepository(ds).write(List.of(message, other), List.of(), received);

        assertThat(jdbc.queryForList("""
                SELECT device_id || ' ' || to_char(time AT TIME ZONE 'UTC', 'HH24:MI:SS') || ' ' || num_nonnulls(hr, spo2, sbp, dbp, temp, rr, steps, glu)
                FROM vital_sample ORDER BY device_id, time, num_nonnulls(hr, spo2, sbp, dbp, temp, rr, steps, glu) DESC""", String.class))
                .containsExactly("WB-7 11:58:30 1", "WB-7 11:59:00 4", "WB-7 11:59:00 1", "WB-8 11:59:00 1");
        assertThat(jdbc.queryForList("""
                SELECT device_id || ' ' || code || ' ' || value || ' ' || flags || ' ' || (received_at = ?::timestamptz)
                FROM observation ORDER BY device_id, time, code, value""", String.class, received.toString()))
                .containsExactly("WB-7 TEMP 36.6 0 true", "WB-7 DBP 81 0 true", "WB-7 HR 72 0 true", "WB-7 HR 74 0 true",
                        "WB-7 SBP 128 0 true", "WB-7 SPO2 97 0 true", "WB-8 HR 60 1 true");
    }

    @Test
    void readingsStoredBeforeTheUpgradeComeBackIdenticalAndKeepTheirPartitions() {
        DataSource old = TestDatabase.newEmptyDataSource();
        SchemaMigrator.configure(Flyway.configure().dataSource(old), DatabaseMode.PLAIN).target("82").load().migrate();
        JdbcTemplate db = new JdbcTemplate(old);
        db.execute("CREATE TABLE observation_p20261130 PARTITION OF observation FOR VALUES FROM ('2026-11-30') TO ('2026-12-07')");
        String t = "2026-11-30T11:59:00.000001Z";
        db.update("""
                INSERT INTO observation (time, elder_id, device_id, code, value, received_at, flags) VALUES
                  (?::timestamptz, 1, 'WB-1', 'HR', 72, ?::timestamptz, 0), (?::timestamptz, 1, 'WB-1', 'SPO2', 97, ?::timestamptz, 0),
                  (?::timestamptz, 1, 'WB-1', 'HR', 73, ?::timestamptz, 0),
                  (?::timestamptz, 1, 'WB-1', 'TEMP', 36.6, ?::timestamptz, 2),
                  ('2020-01-01T00:00:00Z', 2, 'WB-2', 'STEPS', 0.1, now(), 4)""",
                t, received.toString(), t, received.toString(), t, received.toString(), t, received.toString());
        String readings = "SELECT time || ' ' || elder_id || ' ' || device_id || ' ' || code || ' ' || float8send(value) || ' ' "
                + "|| received_at || ' ' || flags FROM observation ORDER BY 1";
        List<String> before = db.queryForList(readings, String.class);

        SchemaMigrator.migrate(old);

        assertThat(db.queryForList(readings, String.class)).hasSize(5).isEqualTo(before);
        assertThat(db.queryForObject("SELECT count(*) FROM vital_sample", Integer.class)).isEqualTo(4); // HR+SPO2, HR, TEMP, STEPS
        assertThat(db.queryForList("SELECT tableoid::regclass::text FROM vital_sample ORDER BY 1", String.class))
                .containsExactly("vital_sample_default", "vital_sample_p20261130", "vital_sample_p20261130", "vital_sample_p20261130");
    }

    private ObservationRow reading(Instant t, String code, double value) {
        return new ObservationRow(t, 7, "WB-7", code, value, received, 0);
    }

    private static String formatted(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v).toLowerCase(Locale.ROOT);
    }
}
