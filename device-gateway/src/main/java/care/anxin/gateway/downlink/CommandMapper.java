package care.anxin.gateway.downlink;

import care.anxin.domain.wire.CommandType;
import care.anxin.domain.wire.DeviceCommand;
import care.anxin.store.ingest.PendingCommand;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * Turns a device_command row into the wire command: cmdId = row id, type = kind, time = created_at,
 * other fields (text, textEn, alertId, vitalsIntervalSec, locationIntervalSec) from the payload JSON.
 */
public class CommandMapper {

    private final ObjectMapper json;

    public CommandMapper(ObjectMapper json) {
        this.json = json;
    }

    /** Empty when the row cannot be expressed on the wire (unknown kind or broken payload). */
    public Optional<DeviceCommand> toWire(PendingCommand c) {
        CommandType type;
        try {
            type = CommandType.valueOf(c.kind());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        JsonNode p;
        try {
            p = c.payloadJson() == null ? json.createObjectNode() : json.readTree(c.payloadJson());
        } catch (Exception e) {
            return Optional.empty();
        }
        Long alertId = c.alertId() != null ? c.alertId() : longOrNull(p, "alertId");
        return Optional.of(new DeviceCommand(String.valueOf(c.id()), type, c.createdAt(), alertId,
                textOrNull(p, "text"), textOrNull(p, "textEn"), intOrNull(p, "vitalsIntervalSec"),
                intOrNull(p, "locationIntervalSec")));
    }

    private static String textOrNull(JsonNode p, String field) {
        JsonNode n = p.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Long longOrNull(JsonNode p, String field) {
        JsonNode n = p.get(field);
        return n != null && n.canConvertToLong() ? n.asLong() : null;
    }

    private static Integer intOrNull(JsonNode p, String field) {
        JsonNode n = p.get(field);
        return n != null && n.canConvertToInt() ? n.asInt() : null;
    }
}
