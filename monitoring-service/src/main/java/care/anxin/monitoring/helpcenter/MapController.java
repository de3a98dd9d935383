package care.anxin.monitoring.helpcenter;

import care.anxin.monitoring.api.NotFoundException;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.console.ElderWrites;
import care.anxin.store.helpcenter.MapQueries;
import care.anxin.store.helpcenter.MapQueries.ElderPin;
import care.anxin.store.helpcenter.MapQueries.TrackPoint;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The map: tile settings, elders' last positions with their state, an elder's track. All WGS-84. */
@RestController
@Validated
public class MapController {

    private final MapQueries map;
    private final ElderWrites elders;
    private final MapProperties properties;
    private final Clock clock = Clock.systemUTC();

    public MapController(MapQueries map, ElderWrites elders, MapProperties properties) {
        this.map = map;
        this.elders = elders;
        this.properties = properties;
    }

    @GetMapping("/api/v1/map/settings")
    public MapProperties settings() {
        return properties;
    }

    @GetMapping("/api/v1/map/elders")
    public List<ElderPin> elders(@AuthenticationPrincipal AnxinPrincipal me) {
        return map.pins(me.scope(), clock.instant());
    }

    @GetMapping("/api/v1/elders/{id}/track")
    public List<TrackPoint> track(@AuthenticationPrincipal AnxinPrincipal me, @PathVariable long id,
                                  @RequestParam(defaultValue = "24") @Min(1) @Max(168) int hours) {
        if (!elders.visible(me.scope(), id)) {
            throw new NotFoundException("Elder", id);
        }
        Instant since = clock.instant().minus(Duration.ofHours(hours));
        return map.track(id, since, 5000);
    }
}
