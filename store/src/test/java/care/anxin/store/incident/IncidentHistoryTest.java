package care.anxin.store.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import care.anxin.store.console.PerformanceQueries;
import care.anxin.store.console.Role;
import care.anxin.store.console.ViewerScope;
import care.anxin.store.incident.IncidentHistory.PastIncident;
import care.anxin.store.incident.IncidentHistory.PastNotification;
import care.anxin.store.test.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

class IncidentHistoryTest {

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private DataSource ds;
    private JdbcTemplate jdbc;
    private IncidentHistory history;
    private long center;
    private long staff;
    private long elder;
    private long desk;

    @BeforeEach
    void community() {
        ds = TestDatabase.newMigratedDataSource();
        jdbc = new JdbcTemplate(ds);
        history = new IncidentHistory(ds);
        long city = jdbc.queryForObject("INSERT INTO organization(kind, code, name) VALUES ('CITY','sh','上海') RETURNING id", Long.class);
        center = jdbc.queryForObject("INSERT INTO organization(parent_id, kind, code, name) VALUES (?, 'COMMUNITY_CENTER','cc','中心') RETURNING id", Long.class, city);
        staff = jdbc.queryForObject("INSERT INTO app_user(organization_id, username, display_name, password_hash, role) VALUES (?, 'care01', '张华', 'x', 'CARE_STAFF') RETURNING id", Long.class, center);
        elder = jdbc.queryForObject("INSERT INTO elder(organization_id, name, birth_date) VALUES (?, '李奶奶', '1940-03-01') RETURNING id", Long.class, center);
        desk = jdbc.queryForObject("INSERT INTO notification_endpoint(organization_id, channel, name, url) VALUES (?, 'WEBHOOK', '值班台', 'http://desk/webhook') RETURNING id", Long.class, center);
    }

    private PastIncident handled(Instant opened, int ackSeconds, List<PastNotification> notifications) {
        return new PastIncident(elder, "HS-1", "SOS", "CRITICAL", "紧急呼叫 · 李奶奶", opened, ackSeconds > 60 ? opened.plusSeconds(60) : null,
                opened.plusSeconds(ackSeconds), staff, opened.plusSeconds(ackSeconds + 900), staff, IncidentOutcome.HELP_PROVIDED,
                "上门查看", false, 31.2, 121.4, notifications);
    }

    private PastIncident cancelledFall(Instant at) {
        return new PastIncident(elder, "WB-1", "FALL", "CRITICAL", "跌倒 · 李奶奶", at, null, null, null, at.plusSeconds(12), null,
                null, null, true, null, null, List.of());
    }

    @Test
    void writesClosedIncidentsWithTheirTimelineNotificationsAndMarkerOnce() {
        Instant opened = now.minus(Duration.ofDays(2));
        List<PastIncident> past = List.of(
                handled(opened, 25, List.of(new PastNotification(desk, opened.plusSeconds(1), 1, true, null))),
                handled(opened.plus(Duration.ofHours(3)), 140,
                        List.of(new PastNotification(desk, opened.plus(Duration.ofHours(3)).plusSeconds(1), 5, false, "HTTP 503"))),
                cancelledFall(opened.plus(Duration.ofHours(5))));

        var marker = history.importOnce("demo-history.cc", center, staff, past, now);

        assertThat(marker).hasValueSatisfying(m -> {
            assertThat(m.incidents()).isEqualTo(3);
            assertThat(m.completedAt()).isNull();
        });
        assertThat(jdbc.queryForList("SELECT status FROM alert ORDER BY opened_at", String.class))
                .containsExactly("RESOLVED", "RESOLVED", "CANCELLED");
        long first = jdbc.queryForObject("SELECT id FROM alert ORDER BY opened_at LIMIT 1", Long.class);
        assertThat(jdbc.queryForList("SELECT action FROM alert_action WHERE alert_id = ? ORDER BY at, id", String.class, first))
                .containsExactly("OPENED", "ACKNOWLEDGED", "RESOLVED");
        assertThat(jdbc.queryForObject("SELECT actor FROM alert_action WHERE alert_id = ? AND action = 'ACKNOWLEDGED'", String.class, first))
                .isEqualTo("user:" + staff);
        assertThat(jdbc.queryForObject("SELECT first_notified_at = opened_at + interval '1 second' FROM alert WHERE id = ?", Boolean.class, first))
                .isTrue();
        long late = jdbc.queryForObject("SELECT id FROM alert ORDER BY opened_at OFFSET 1 LIMIT 1", Long.class);
        assertThat(jdbc.queryForList("SELECT action FROM alert_action WHERE alert_id = ? ORDER BY at, id", String.class, late))
                .containsExactly("OPENED", "ESCALATED", "NOTIFICATION_DEAD", "ACKNOWLEDGED", "RESOLVED");
        assertThat(jdbc.queryForMap("SELECT status, attempts, last_error FROM notification WHERE alert_id = ?", late))
                .containsEntry("status", "DEAD").containsEntry("attempts", 5).containsEntry("last_error", "HTTP 503");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification_attempt a JOIN notification n ON n.id = a.notification_id WHERE n.alert_id = ? AND NOT a.success",
                Integer.class, late)).isEqualTo(5);
        long fall = jdbc.queryForObject("SELECT id FROM alert WHERE status = 'CANCELLED'", Long.class);
        assertThat(jdbc.queryForList("SELECT action FROM alert_action WHERE alert_id = ? ORDER BY at, id", String.class, fall))
                .containsExactly("HELD", "CANCELLED_BY_ELDER");

        // The response-performance page sees them: 2 counted (the cancelled fall does not), 1 within 60 s.
        var summary = new PerformanceQueries(new NamedParameterJdbcTemplate(ds)).summary(
                new ViewerScope(staff, Role.CARE_STAFF, jdbc.queryForObject("SELECT path FROM organization WHERE id = ?", String.class, center)),
                List.of("SOS", "FALL"), now.minus(Duration.ofDays(7)), 300);
        assertThat(summary.total()).isEqualTo(2);
        assertThat(summary.within60()).isEqualTo(1);

        // Once per database: the same key writes nothing again.
        assertThat(history.importOnce("demo-history.cc", center, staff, past, now)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert", Integer.class)).isEqualTo(3);
        assertThat(history.complete("demo-history.cc", now.plusSeconds(60))).hasValueSatisfying(m ->
                assertThat(m.completedAt()).isEqualTo(now.plusSeconds(60)));
        assertThat(history.complete("demo-history.cc", now.plusSeconds(120)).orElseThrow().completedAt()).isEqualTo(now.plusSeconds(60));
        assertThat(history.complete("unknown", now)).isEmpty();
    }

    @Test
    void twoImportersAtOnceWriteTheHistoryOnce() throws Exception {
        List<PastIncident> past = List.of(handled(now.minus(Duration.ofDays(1)), 30, List.of()));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Callable<Boolean> run = () -> history.importOnce("k", center, null, past, now).isPresent();
        Future<Boolean> a = pool.submit(run);
        Future<Boolean> b = pool.submit(run);
        assertThat(a.get() ^ b.get()).isTrue();
        pool.shutdown();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert", Integer.class)).isEqualTo(1);
    }

    @Test
    void aBadIncidentWritesNothingNotEvenTheMarker() {
        long otherCenter = jdbc.queryForObject("INSERT INTO organization(kind, code, name) VALUES ('COMMUNITY_CENTER','other','别处') RETURNING id", Long.class);
        long stranger = jdbc.queryForObject("INSERT INTO elder(organization_id, name, birth_date) VALUES (?, '王爷爷', '1938-01-01') RETURNING id", Long.class, otherCenter);
        PastIncident good = handled(now.minus(Duration.ofDays(1)), 30, List.of());
        PastIncident foreign = new PastIncident(stranger, null, "SOS", "CRITICAL", "x", now.minus(Duration.ofDays(1)), null,
                now.minus(Duration.ofDays(1)).plusSeconds(20), staff, now.minus(Duration.ofDays(1)).plusSeconds(600), staff,
                IncidentOutcome.FALSE_ALARM, null, false, null, null, List.of());

        assertThatThrownBy(() -> history.importOnce("k", center, null, List.of(good, foreign), now))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in the imported organization");
        assertThat(history.find("k")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert", Integer.class)).isZero();

        PastIncident future = handled(now.minusSeconds(30), 20, List.of());
        assertThatThrownBy(() -> history.importOnce("k", center, null, List.of(future), now))
                .hasMessageContaining("in the past");
        assertThatThrownBy(() -> handled(now, -5, List.of())).hasMessageContaining("openedAt <= acknowledgedAt");
        assertThatThrownBy(() -> new PastNotification(desk, now, 3, false, " ")).hasMessageContaining("error");
    }
}
