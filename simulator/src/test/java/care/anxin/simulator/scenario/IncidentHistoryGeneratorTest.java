package care.anxin.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.simulator.scenario.IncidentHistoryGenerator.PastIncident;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentHistoryGeneratorTest {

    private static final Instant NOW = Instant.parse("2026-11-30T06:30:00Z"); // 14:30 in Shanghai
    private static final List<String> STAFF = List.of("care01", "care02");

    private static List<ElderProfile> elders() {
        Scenario scenario = ScenarioLoader.load(ScenarioLoader.DEFAULT).withElders(12);
        return ProfileFactory.community(scenario, LocalDate.ofInstant(NOW, ZoneOffset.UTC));
    }

    @Test
    void aWeekOfHandledIncidentsWithTheCasesTheConsoleShows() {
        List<PastIncident> week = IncidentHistoryGenerator.history(7, elders(), 7, NOW, STAFF);

        assertThat(week).hasSizeGreaterThanOrEqualTo(15);
        assertThat(week).allSatisfy(p -> {
            assertThat(p.resolvedAt()).isBefore(NOW);
            assertThat(p.openedAt()).isAfter(NOW.minusSeconds(8 * 86_400));
        });
        assertThat(week).filteredOn(PastIncident::cancelledByElder).singleElement()
                .satisfies(p -> assertThat(p.kind()).isEqualTo("FALL"));
        assertThat(week).filteredOn(PastIncident::webhookDied).hasSize(1);
        assertThat(week).filteredOn(p -> p.kind().equals("NOTIFICATION_FAILED")).hasSize(1);
        List<PastIncident> handled = week.stream().filter(p -> !p.cancelledByElder()).toList();
        assertThat(handled).allSatisfy(p -> {
            assertThat(STAFF).contains(p.staff());
            assertThat(p.acknowledgedAt()).isAfterOrEqualTo(p.openedAt()).isBeforeOrEqualTo(p.resolvedAt());
            assertThat(p.outcome()).isNotBlank();
        });
        // Mostly within the 60 s target, a few not: those escalated.
        long late = handled.stream().filter(p -> p.ackSeconds() > 60).count();
        assertThat(late).isBetween(2L, handled.size() / 3L);
        assertThat(handled).filteredOn(p -> p.ackSeconds() > 60).allMatch(PastIncident::escalated);
        assertThat(week).anyMatch(p -> p.openedAt().isAfter(LocalDate.of(2026, 11, 30).atStartOfDay(ZoneOffset.ofHours(8)).toInstant()));
        assertThat(week).isSortedAccordingTo(java.util.Comparator.comparing(PastIncident::openedAt));
    }

    @Test
    void sameSeedSameHistory() {
        assertThat(IncidentHistoryGenerator.history(7, elders(), 7, NOW, STAFF))
                .isEqualTo(IncidentHistoryGenerator.history(7, elders(), 7, NOW, STAFF))
                .isNotEqualTo(IncidentHistoryGenerator.history(8, elders(), 7, NOW, STAFF));
        assertThat(IncidentHistoryGenerator.history(7, elders(), 7, NOW, List.of())).isEmpty();
    }
}
