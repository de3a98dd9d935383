package care.anxin.monitoring.helpcenter;

import care.anxin.monitoring.api.PerformanceController;
import care.anxin.monitoring.config.MonitoringProperties;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.helpcenter.ArrivalQueries;
import care.anxin.store.helpcenter.ArrivalQueries.ArrivalSummary;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Time to arrival next to time to acknowledge on the response-performance page. Target of the
 * anchor practice: on site within 30–45 minutes, 90 % within 45.
 */
@RestController
public class ArrivalController {

    private static final int TARGET_SECONDS = 45 * 60;

    public record ArrivalView(String range, Instant from, long dispatched, long arrived, Double within30Pct,
                              Double within45Pct, double target45Pct, Double medianArrivalSeconds,
                              Double worstArrivalSeconds) {
    }

    private final ArrivalQueries arrivals;
    private final ZoneId zone;

    public ArrivalController(ArrivalQueries arrivals, MonitoringProperties properties) {
        this.arrivals = arrivals;
        this.zone = properties.trends().zone();
    }

    @GetMapping("/api/v1/performance/arrival")
    public ArrivalView arrival(@AuthenticationPrincipal AnxinPrincipal me, @RequestParam(defaultValue = "today") String range) {
        Instant from = PerformanceController.rangeStart(range, zone);
        ArrivalSummary s = arrivals.summary(me.scope(), from, TARGET_SECONDS);
        return new ArrivalView(range, from, s.dispatched(), s.arrived(), pct(s.within30(), s.dispatched()),
                pct(s.within45(), s.dispatched()), 90.0, round(s.medianArrivalSeconds()), round(s.worstArrivalSeconds()));
    }

    private static Double pct(long part, long total) {
        return total == 0 ? null : Math.round(1000.0 * part / total) / 10.0;
    }

    private static Double round(Double seconds) {
        return seconds == null ? null : Math.round(seconds * 10) / 10.0;
    }
}
