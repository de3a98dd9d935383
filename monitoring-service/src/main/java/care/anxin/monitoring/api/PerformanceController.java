package care.anxin.monitoring.api;

import care.anxin.monitoring.config.MonitoringProperties;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.console.PerformanceQueries;
import care.anxin.store.console.PerformanceQueries.Miss;
import care.anxin.store.console.PerformanceQueries.Summary;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * How fast SOS and fall incidents of the viewer's scope were acknowledged, against the
 * alarm-centre targets (97.5 % within 60 s, 99 % within 180 s).
 */
@RestController
public class PerformanceController {

    static final List<String> KINDS = List.of("SOS", "FALL");
    private static final int PENDING_SECONDS = 180;
    private static final int MISSES_SHOWN = 100;

    public record PerformanceView(String range, List<String> kinds, Instant from, long total, long acknowledged,
                                  Double within60Pct, Double within180Pct, double target60Pct, double target180Pct,
                                  Double medianAckSeconds, Double worstAckSeconds, List<Miss> missed) {
    }

    private final PerformanceQueries performance;
    private final ZoneId zone;

    public PerformanceController(PerformanceQueries performance, MonitoringProperties properties) {
        this.performance = performance;
        this.zone = properties.trends().zone();
    }

    @GetMapping("/api/v1/performance")
    public PerformanceView performance(@AuthenticationPrincipal AnxinPrincipal me,
                                       @RequestParam(defaultValue = "today") String range) {
        Instant from = rangeStart(range, zone);
        Summary s = performance.summary(me.scope(), KINDS, from, PENDING_SECONDS);
        List<Miss> missed = performance.misses(me.scope(), KINDS, from, PENDING_SECONDS, 60, MISSES_SHOWN);
        return new PerformanceView(range, KINDS, from, s.total(), s.acknowledged(), pct(s.within60(), s.total()),
                pct(s.within180(), s.total()), 97.5, 99.0, round(s.medianAckSeconds()), round(s.worstAckSeconds()),
                missed.stream().map(m -> new Miss(m.id(), m.kind(), m.elderName(), m.openedAt(), round(m.ackSeconds())))
                        .toList());
    }

    /** Where a report range (today, 7d, 30d) starts; today begins at midnight in the trends zone. */
    public static Instant rangeStart(String range, ZoneId zone) {
        Instant now = Instant.now();
        return switch (range) {
            case "today" -> LocalDate.now(zone).atStartOfDay(zone).toInstant();
            case "7d" -> now.minus(Duration.ofDays(7));
            case "30d" -> now.minus(Duration.ofDays(30));
            default -> throw new BadRequestException("range", "range must be one of today, 7d, 30d");
        };
    }

    /** Null when there was nothing to measure: "no incidents" is not "100 %". */
    private static Double pct(long part, long total) {
        return total == 0 ? null : Math.round(1000.0 * part / total) / 10.0;
    }

    private static Double round(Double seconds) {
        return seconds == null ? null : Math.round(seconds * 10) / 10.0;
    }
}
