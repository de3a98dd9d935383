package care.anxin.alert.rules;

import care.anxin.domain.incident.Severity;
import care.anxin.domain.incident.IncidentKind;
import care.anxin.domain.geo.GeoFence;
import care.anxin.domain.geo.GeoPoint;
import care.anxin.store.alerting.ConditionQueries;
import care.anxin.store.alerting.PositionRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * GEOFENCE_EXIT: the elder's latest position (within positionMaxAge) is outside the safe zone:
 * the travel zone while travel_until is in the future, else the home fence. HIGH when the elder has
 * a cognitive condition (wandering risk) or is more than 1 km out, MEDIUM otherwise. Raised beyond
 * a 50 m margin (GPS error), cleared only once back inside the zone.
 */
public class GeofenceRule implements ConditionRule {

    static final double MARGIN_M = 50;
    static final double FAR_M = 1000;
    private static final List<String> WANDERING_RISK = List.of("认知", "痴呆", "阿尔茨海默", "dementia", "alzheimer", "cognitive");

    private final ConditionQueries queries;
    private final Duration positionMaxAge;

    public GeofenceRule(ConditionQueries queries, Duration positionMaxAge) {
        this.queries = queries;
        this.positionMaxAge = positionMaxAge;
    }

    @Override
    public IncidentKind kind() {
        return IncidentKind.GEOFENCE_EXIT;
    }

    @Override
    public Evaluation evaluate(Instant now) {
        List<Finding> active = new ArrayList<>();
        Set<Long> outside = new HashSet<>();
        for (PositionRow p : queries.latestPositions(now, positionMaxAge)) {
            boolean travelling = p.travelUntil() != null && p.travelUntil().isAfter(now)
                    && p.travelLat() != null && p.travelLon() != null && p.travelRadiusM() != null && p.travelRadiusM() > 0;
            GeoFence zone;
            if (travelling) {
                zone = new GeoFence(new GeoPoint(p.travelLat(), p.travelLon()), p.travelRadiusM());
            } else if (p.homeLat() != null && p.homeLon() != null && p.homeRadiusM() != null && p.homeRadiusM() > 0) {
                zone = new GeoFence(new GeoPoint(p.homeLat(), p.homeLon()), p.homeRadiusM());
            } else {
                continue;
            }
            double out = zone.metersOutside(new GeoPoint(p.lat(), p.lon()));
            if (out <= 0) {
                continue;
            }
            outside.add(p.elderId());
            if (out > MARGIN_M) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("zone", travelling ? "TRAVEL" : "HOME");
                if (travelling) {
                    detail.put("travelCity", p.travelCity());
                }
                detail.put("metersOutside", Math.round(out));
                detail.put("positionAt", p.at().toString());
                detail.put("deviceId", p.deviceId());
                Severity severity = wanderingRisk(p.conditions()) || out > FAR_M ? Severity.HIGH : Severity.MEDIUM;
                active.add(new Finding(p.elderId(), p.organizationId(), p.deviceId(), severity, detail, p.lat(), p.lon()));
            }
        }
        return Evaluation.of(active, outside);
    }

    static boolean wanderingRisk(List<String> conditions) {
        return conditions.stream().map(c -> c.toLowerCase(Locale.ROOT))
                .anyMatch(c -> WANDERING_RISK.stream().anyMatch(c::contains));
    }
}
