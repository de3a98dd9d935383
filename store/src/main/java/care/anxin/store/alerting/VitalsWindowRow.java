package care.anxin.store.alerting;

import java.util.Map;

/** The latest value per vital code within a window for one elder. */
public record VitalsWindowRow(long elderId, long organizationId, Map<String, Double> latest) {
}
