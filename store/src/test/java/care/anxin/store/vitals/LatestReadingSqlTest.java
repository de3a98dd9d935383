package care.anxin.store.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.store.clinical.ClinicalQueries;
import care.anxin.store.console.ElderCards;
import care.anxin.store.maintenance.MaintenanceProperties;
import care.anxin.store.maintenance.StoreMaintenance;
import care.anxin.store.schema.DatabaseMode;
import care.anxin.store.test.TestDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The newest reading per code, found through the hourly rollup, is the one a scan of every
 * reading finds: recent codes, a code last measured days ago, one outside the window, one never
 * measured, the newest of several readings in one hour, and a late upload once it is rolled up.
 */
class LatestReadingSqlTest {

    private static final List<String> CODES = List.of("HR", "SPO2", "SBP", "DBP", "TEMP", "RR", "STEPS", "GLU");

    private final DataSource ds = TestDatabase.newMigratedDataSource();
    private final JdbcTemplate jdbc = new JdbcTemplate(ds);
    private final NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(ds);
    private final StoreMaintenance maintenance = new StoreMaintenance(ds, DatabaseMode.PLAIN, rollupWithoutLag());

    @BeforeEach
    void readings() {
        maintenance.afterPropertiesSet();
        insert("SELECT now() - i * interval '1 minute', 'HR', 60 + i % 30 FROM generate_series(0, 3 * 1440) i");
        insert("SELECT now() - i * interval '1 minute', 'SPO2', 95 + i % 4 FROM generate_series(0, 3 * 1440, 7) i");
        insert("SELECT date_trunc('hour', now()) - interval '5 hours' + s * interval '1 second', 'SBP', 120 + s % 7 "
                + "FROM unnest(ARRAY[0, 1800, 3599, 60]) s");
        insert("SELECT now() - interval '10 days' + i * interval '9 minutes', 'GLU', 5.1 + i FROM generate_series(0, 2) i");
        insert("SELECT now() - interval '40 days', 'TEMP', 37.9");
        maintenance.refreshRollups();
    }

    @Test
    void theConsoleCardShowsWhatAScanOfEveryReadingShows() {
        Map<String, Double> card = card();

        assertThat(card).isEqualTo(scan("now() - interval '30 days'", "'infinity'::timestamptz"));
        assertThat(card).containsOnlyKeys("HR", "SPO2", "SBP", "GLU").containsEntry("GLU", 7.1).containsEntry("SBP", 121.0);
    }

    @Test
    void aLateUploadAppearsOnceRolledUp() {
        // A wristband back online uploads a glucose reading of three days ago, newer than the one of ten days ago.
        jdbc.update("INSERT INTO observation (time, elder_id, device_id, code, value) VALUES (now() - interval '3 days', 1, 'dev', 'GLU', 9.9)");
        assertThat(card()).as("until the next rollup run (plain mode: 30 s) the card shows the older value")
                .containsEntry("GLU", 7.1);

        maintenance.refreshRollups();

        assertThat(card()).isEqualTo(scan("now() - interval '30 days'", "'infinity'::timestamptz")).containsEntry("GLU", 9.9);
    }

    @Test
    void theLatestBeforeAnInstantIsWhatAScanFinds() {
        ClinicalQueries clinical = new ClinicalQueries(named);
        for (int daysAgo : new int[] {0, 2, 9, 20}) {
            Instant at = Instant.now().minus(daysAgo, ChronoUnit.DAYS);
            Map<String, Double> latest = new TreeMap<>();
            clinical.latestBefore(1, at, 30, CODES).forEach(r -> latest.put(r.code(), r.value()));
            Timestamp to = Timestamp.from(at.plusMillis(1));
            Timestamp from = Timestamp.from(at.minus(30, ChronoUnit.DAYS));
            assertThat(latest).as("%d days ago", daysAgo)
                    .isEqualTo(scan("'" + from.toInstant() + "'::timestamptz", "'" + to.toInstant() + "'::timestamptz"));
        }
    }

    private Map<String, Double> card() {
        Map<String, Double> card = new TreeMap<>();
        new ElderCards(named).latestVitals(List.of(1L)).getOrDefault(1L, Map.of()).forEach((code, v) -> card.put(code, v.value()));
        return card;
    }

    /** What the query did before the rollup was used: walk every reading of the window. */
    private Map<String, Double> scan(String from, String to) {
        Map<String, Double> latest = new TreeMap<>();
        jdbc.query("""
                SELECT DISTINCT ON (code) code, value FROM observation
                WHERE elder_id = 1 AND time >= %s AND time < %s ORDER BY code, time DESC""".formatted(from, to),
                rs -> {
                    latest.put(rs.getString(1), rs.getDouble(2));
                });
        return latest;
    }

    private void insert(String select) {
        jdbc.update("INSERT INTO observation (time, code, value, elder_id, device_id) SELECT t.*, 1, 'dev' FROM (" + select + ") t");
    }

    private static MaintenanceProperties rollupWithoutLag() {
        MaintenanceProperties d = MaintenanceProperties.defaults();
        return new MaintenanceProperties(true, d.rollupInterval(), d.partitionInterval(), d.partitionsAhead(), d.partitionsBehind(),
                d.observationRetention(), d.locationRetention(), d.ingestedMessageRetention(), Duration.ZERO,
                d.rejectedMessageRetention(), d.auditLogRetention());
    }
}
