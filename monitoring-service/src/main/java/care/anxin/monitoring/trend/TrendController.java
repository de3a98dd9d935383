package care.anxin.monitoring.trend;

import care.anxin.monitoring.audit.AuditTrail;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.console.TrendQueries.TrendPoint;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/v1/elders/{id}/trends (JSON) and /trends.csv (one row per point). */
@RestController
public class TrendController {

    private final TrendService trends;

    private final AuditTrail audit;

    public TrendController(TrendService trends, AuditTrail audit) {
        this.trends = trends;
        this.audit = audit;
    }

    @GetMapping("/api/v1/elders/{id}/trends")
    public TrendService.TrendView trends(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id,
                                         @RequestParam(defaultValue = "24h") String range,
                                         @RequestParam(defaultValue = TrendService.DEFAULT_CODES) String codes) {
        TrendService.TrendView view = trends.trends(me.scope(), id, range, codes);
        audit.elderRead(me, id, "trends", java.util.Map.of("range", range, "codes", codes));
        return view;
    }

    @GetMapping("/api/v1/elders/{id}/trends.csv")
    public ResponseEntity<String> csv(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id,
                                      @RequestParam(defaultValue = "24h") String range,
                                      @RequestParam(defaultValue = TrendService.DEFAULT_CODES) String codes) {
        TrendService.TrendView view = trends.trends(me.scope(), id, range, codes);
        audit.elderRead(me, id, "trends.csv", java.util.Map.of("range", range, "codes", codes));
        StringBuilder csv = new StringBuilder("elder_id,code,unit,bucket_start,min,avg,max,n\n");
        for (TrendService.Series s : view.series()) {
            for (TrendPoint p : s.points()) {
                csv.append(view.elderId()).append(',').append(s.code()).append(',').append(s.unit()).append(',')
                        .append(p.t()).append(',').append(number(p.min())).append(',').append(number(p.avg()))
                        .append(',').append(number(p.max())).append(',').append(p.n()).append('\n');
            }
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"elder-" + id + "-trends-" + view.range() + ".csv\"")
                .body(csv.toString());
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
