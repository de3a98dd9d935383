package care.anxin.domain.event;

import care.anxin.domain.wire.CommandType;
import care.anxin.domain.wire.DeviceCommand;
import java.time.Instant;

/**
 * The {@code device_command.payload} JSON: what the alert service (or the console) queues for a
 * device, read by the gateway that holds the connection. Fields not used by the command kind are null.
 *
 * @param notificationKey the outbox idempotency key (one command per notification, whatever the retries)
 */
public record CommandPayload(Long alertId, String text, String textEn, String notificationKey,
                             Integer vitalsIntervalSec, Integer locationIntervalSec) implements QueuedJson {

    public static CommandPayload alertAck(long alertId, String text, String textEn, String notificationKey) {
        return new CommandPayload(alertId, text, textEn, notificationKey, null, null);
    }

    /** The wire command: cmdId = the row id, time = when it was queued; the row's alert id wins over the payload's. */
    public DeviceCommand toWire(String cmdId, CommandType type, Instant queuedAt, Long rowAlertId) {
        return new DeviceCommand(cmdId, type, queuedAt, rowAlertId != null ? rowAlertId : alertId, text, textEn,
                vitalsIntervalSec, locationIntervalSec);
    }
}
