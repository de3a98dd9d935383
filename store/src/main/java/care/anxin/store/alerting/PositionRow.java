package care.anxin.store.alerting;

import java.time.Instant;
import java.util.List;

/** An elder's latest position with the home fence and travel zone to check it against. */
public record PositionRow(long elderId, long organizationId, String deviceId, double lat, double lon, Instant at,
                          Double homeLat, Double homeLon, Double homeRadiusM, Double travelLat, Double travelLon,
                          Double travelRadiusM, String travelCity, Instant travelUntil, List<String> conditions) {
}
