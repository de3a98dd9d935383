package care.anxin.domain.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/** JSON of {@code down/command} payloads (docs/protocol.md, "Commands"). Thread-safe. */
public final class CommandCodec {

    public byte[] encode(DeviceCommand command) {
        return WireJson.writeObject(json -> {
            json.writeStringField("cmdId", command.cmdId());
            json.writeStringField("type", command.type().name());
            json.writeStringField("ts", WireTime.format(command.time()));
            if (command.alertId() != null) {
                json.writeNumberField("alertId", command.alertId());
            }
            if (command.text() != null) {
                json.writeStringField("text", command.text());
            }
            if (command.textEn() != null) {
                json.writeStringField("textEn", command.textEn());
            }
            if (command.vitalsIntervalSec() != null) {
                json.writeNumberField("vitalsIntervalSec", command.vitalsIntervalSec());
            }
            if (command.locationIntervalSec() != null) {
                json.writeNumberField("locationIntervalSec", command.locationIntervalSec());
            }
        });
    }

    /** Decodes a command (the device side, used by the simulator); empty for anything malformed. Never throws. */
    public Optional<DeviceCommand> decode(byte[] payload) {
        if (payload == null || payload.length == 0 || payload.length > WireJson.MAX_PAYLOAD_BYTES) {
            return Optional.empty();
        }
        try {
            JsonNode root = WireJson.readTree(payload);
            if (root == null || !root.isObject()) {
                return Optional.empty();
            }
            JsonNode cmdId = PayloadFields.field(root, "cmdId");
            JsonNode type = PayloadFields.field(root, "type");
            JsonNode ts = PayloadFields.field(root, "ts");
            if (cmdId == null || !(cmdId.isTextual() || cmdId.canConvertToLong()) || type == null || ts == null
                    || !ts.isTextual()) {
                return Optional.empty();
            }
            CommandType commandType = CommandType.valueOf(type.asText());
            Instant time = WireTime.parse(ts.textValue());
            if (time == null) {
                return Optional.empty();
            }
            return Optional.of(new DeviceCommand(cmdId.asText(), commandType, time,
                    longOrNull(root, "alertId"), textOrNull(root, "text"), textOrNull(root, "textEn"),
                    intOrNull(root, "vitalsIntervalSec"), intOrNull(root, "locationIntervalSec")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Long longOrNull(JsonNode root, String name) {
        JsonNode node = PayloadFields.field(root, name);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new IllegalArgumentException(name + " must be an integer");
        }
        return node.longValue();
    }

    private static Integer intOrNull(JsonNode root, String name) {
        JsonNode node = PayloadFields.field(root, name);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new IllegalArgumentException(name + " must be an integer");
        }
        return node.intValue();
    }

    private static String textOrNull(JsonNode root, String name) {
        JsonNode node = PayloadFields.field(root, name);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return node.textValue();
    }
}
