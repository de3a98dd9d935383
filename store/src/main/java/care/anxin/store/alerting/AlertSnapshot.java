package care.anxin.store.alerting;

import java.time.Instant;

/** An incident with its elder and organization, as written into notification payloads. */
public record AlertSnapshot(long id, String kind, String severity, String status, String title, int eventCount,
                            Instant openedAt, Instant lastEventAt, Double lat, Double lon, String detail,
                            long elderId, String elderName, String elderPhone, String elderAddress,
                            long organizationId, String organizationName, String organizationPhone) {
}
