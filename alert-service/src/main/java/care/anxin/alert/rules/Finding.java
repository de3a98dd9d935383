package care.anxin.alert.rules;

import care.anxin.domain.incident.Severity;
import java.util.Map;

/** An elder currently in a rule's condition. detail becomes alert.detail. */
public record Finding(long elderId, long organizationId, String deviceId, Severity severity, Map<String, Object> detail,
                      Double lat, Double lon) {
}
