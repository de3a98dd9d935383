package care.anxin.gateway.downlink;

import care.anxin.domain.event.CommandPayload;
import care.anxin.domain.event.ContractJson;
import care.anxin.domain.wire.CommandType;
import care.anxin.domain.wire.DeviceCommand;
import care.anxin.store.ingest.PendingCommand;
import java.util.Optional;

/**
 * Turns a device_command row into the wire command: cmdId = row id, type = kind, time = created_at,
 * the other fields from the row's {@link CommandPayload}.
 */
public class CommandMapper {

    /** Empty when the row cannot be expressed on the wire (unknown kind or broken payload). */
    public Optional<DeviceCommand> toWire(PendingCommand c) {
        CommandType type;
        try {
            type = CommandType.valueOf(c.kind());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try {
            CommandPayload p = ContractJson.read(CommandPayload.class, c.payloadJson());
            return Optional.of(p.toWire(String.valueOf(c.id()), type, c.createdAt(), c.alertId()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
