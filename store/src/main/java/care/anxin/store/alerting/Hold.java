package care.anxin.store.alerting;

import care.anxin.domain.event.ContractJson;
import care.anxin.domain.event.DeviceReport;
import care.anxin.domain.incident.IncidentKind;
import java.time.Instant;

/** A held event (a fall inside its cancel window). payloadJson is the first event's payload. */
public record Hold(long id, long elderId, long organizationId, String deviceId, IncidentKind kind, HoldStatus status,
                   long eventId, String msgId, int eventCount, Instant occurredAt, Instant heldAt,
                   Instant holdUntil, String payloadJson) {

    public DeviceReport report() {
        return ContractJson.read(DeviceReport.class, payloadJson);
    }
}
