package care.anxin.monitoring.trend;

import care.anxin.domain.vital.VitalSign;
import care.anxin.monitoring.api.BadRequestException;
import care.anxin.monitoring.api.NotFoundException;
import care.anxin.monitoring.config.MonitoringProperties;
import care.anxin.store.console.ElderQueries;
import care.anxin.store.console.ElderQueries.ElderBasics;
import care.anxin.store.console.TrendQueries;
import care.anxin.store.console.TrendQueries.Incident;
import care.anxin.store.console.TrendQueries.TrendPoint;
import care.anxin.store.console.ViewerScope;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Builds an elder's trend view: series from rollups/raw data, care-plan thresholds, incidents. */
@Service
public class TrendService {

    public static final String DEFAULT_CODES = "HR,SPO2,SBP,DBP,TEMP,STEPS";

    public record Series(String code, String unit, String nameZh, String nameEn, List<TrendPoint> points) {
    }

    public record TrendView(long elderId, String range, Instant from, Instant to, long bucketSeconds,
                            List<Series> series, Map<String, JsonNode> thresholds, List<Incident> incidents) {
    }

    private final ElderQueries elders;
    private final TrendQueries trends;
    private final CarePlans carePlans;
    private final Instant origin;
    private final Clock clock;
    private final MeterRegistry meters;

    public TrendService(ElderQueries elders, TrendQueries trends, CarePlans carePlans,
                        MonitoringProperties properties, MeterRegistry meters) {
        this.elders = elders;
        this.trends = trends;
        this.carePlans = carePlans;
        // Buckets of 6 h or a day start at local midnight (a whole hour, so hourly rollups fit).
        this.origin = LocalDate.of(2000, 1, 1).atStartOfDay(properties.trends().zone()).toInstant();
        this.clock = Clock.systemUTC();
        this.meters = meters;
    }

    public TrendView trends(ViewerScope scope, long elderId, String rangeLabel, String codes) {
        TrendRange range = range(rangeLabel);
        List<VitalSign> signs = signs(codes);
        ElderBasics elder = elders.basics(scope, elderId).orElseThrow(() -> new NotFoundException("Elder", elderId));
        Instant to = clock.instant();
        Instant from = alignDown(to.minus(range.length()), range.bucket());
        Timer.Sample sample = Timer.start(meters);
        Map<String, List<TrendPoint>> points = trends.series(elderId, signs.stream().map(VitalSign::code).toList(),
                from, to, range.bucket(), origin, range.source());
        sample.stop(Timer.builder("anxin.trends.query").tag("range", range.label())
                .publishPercentiles(0.5, 0.99).register(meters));
        List<Series> series = new ArrayList<>();
        for (VitalSign s : signs) {
            series.add(new Series(s.code(), s.ucum(), s.nameZh(), s.nameEn(), points.getOrDefault(s.code(), List.of())));
        }
        return new TrendView(elderId, range.label(), from, to, range.bucket().toSeconds(), series,
                carePlans.thresholds(elder.carePlanJson(), elder.age(), signs), trends.incidents(elderId, from, to));
    }

    private Instant alignDown(Instant t, Duration bucket) {
        long size = bucket.toSeconds();
        long offset = Math.floorMod(t.getEpochSecond() - origin.getEpochSecond(), size);
        return Instant.ofEpochSecond(t.getEpochSecond() - offset);
    }

    private static TrendRange range(String label) {
        try {
            return TrendRange.of(label);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("range", "range must be one of 24h, 7d, 30d, 90d");
        }
    }

    private static List<VitalSign> signs(String codes) {
        Set<VitalSign> signs = new LinkedHashSet<>();
        for (String code : (codes == null || codes.isBlank() ? DEFAULT_CODES : codes).split(",")) {
            signs.add(VitalSign.fromCode(code.trim().toUpperCase(java.util.Locale.ROOT))
                    .orElseThrow(() -> new BadRequestException("codes", "unknown vital code: " + code.trim())));
        }
        return List.copyOf(signs);
    }
}
