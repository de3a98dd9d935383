package care.anxin.store.alerting;

import care.anxin.domain.event.ContractJson;
import care.anxin.domain.event.DeviceEventKind;
import care.anxin.domain.event.DeviceEventPayload;
import care.anxin.domain.event.DeviceReport;
import java.time.Instant;

/**
 * One claimed row of the device_event queue.
 *
 * @param kind        null when this version does not know the row's kind ({@code kindName})
 * @param payloadJson the stored payload; read it typed with {@link #payload()}
 */
public record DeviceEventRow(long id, Long elderId, String deviceId, DeviceEventKind kind, String kindName,
                             Instant occurredAt, Instant receivedAt, String msgId, String payloadJson, int attempts) {

    /**
     * The typed payload of the row's kind.
     *
     * @throws IllegalArgumentException when the stored JSON does not fit the kind's record
     */
    public DeviceEventPayload payload() {
        return ContractJson.readEvent(kind, payloadJson);
    }

    /** The payload of an event the device reported (SOS, FALL, ...); EMPTY for other kinds. */
    public DeviceReport report() {
        return payload() instanceof DeviceReport r ? r : DeviceReport.EMPTY;
    }
}
