package care.anxin.alert.web;

import care.anxin.domain.incident.IncidentKind;
import care.anxin.store.alerting.ResponseTimeRepository;
import care.anxin.store.alerting.ResponseTimeStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Response-time report for operators and the monitoring service: how many SOS/FALL incidents at
 * or below an organization were acknowledged within 60 s and 180 s (targets 97.5 % and 99 %).
 */
@RestController
public class ResponseTimeController {

    private static final List<String> URGENT = List.of(IncidentKind.SOS.name(), IncidentKind.FALL.name());

    private final ResponseTimeRepository repository;
    private final Clock clock;

    public ResponseTimeController(ResponseTimeRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @GetMapping("/api/v1/response-times")
    public ResponseTimeStats responseTimes(@RequestParam long organizationId,
                                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                                           @RequestParam(required = false) List<String> kinds) {
        Instant end = to != null ? to : clock.instant();
        Instant start = from != null ? from : end.minus(Duration.ofDays(1));
        return repository.stats(organizationId, kinds == null || kinds.isEmpty() ? URGENT : kinds, start, end);
    }
}
