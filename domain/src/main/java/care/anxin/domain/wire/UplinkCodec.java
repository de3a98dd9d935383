package care.anxin.domain.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Decodes and validates device uplinks (docs/protocol.md) and encodes them (for the simulator and
 * tests). Thread-safe and stateless: share one instance.
 */
public final class UplinkCodec {

    /**
     * Decodes {@code payload} received on a {@code kind} topic. Never throws: any input yields
     * {@link DecodeResult.Accepted} or {@link DecodeResult.Rejected} naming every broken rule.
     */
    public DecodeResult decode(MessageKind kind, byte[] payload) {
        DecodeResult refused = refuseUnparsable(kind, payload);
        if (refused != null) {
            return refused;
        }
        if (kind == MessageKind.VITALS) {
            // the most frequent uplink: a streaming read when it is the plain valid shape (issue 14)
            VitalsMessage vitals = StreamingVitalsDecoder.decode(payload);
            if (vitals != null) {
                return new DecodeResult.Accepted(vitals);
            }
        }
        return decodeTree(kind, payload);
    }

    /** {@link #decode} without the streaming fast path: the reference the fast path must match. */
    DecodeResult decodeWithoutFastPath(MessageKind kind, byte[] payload) {
        DecodeResult refused = refuseUnparsable(kind, payload);
        return refused != null ? refused : decodeTree(kind, payload);
    }

    /** The rejection for input no parser needs to see, or null. */
    private static DecodeResult refuseUnparsable(MessageKind kind, byte[] payload) {
        if (kind == null) {
            return reject("topic", "unknown message kind");
        }
        if (payload == null || payload.length == 0) {
            return reject("payload", "is empty (expected a JSON object)");
        }
        if (payload.length > WireJson.MAX_PAYLOAD_BYTES) {
            return reject("payload", payload.length + " bytes exceeds the limit of " + WireJson.MAX_PAYLOAD_BYTES
                    + " bytes (16 KiB)");
        }
        if (!startsLikeAnObject(payload)) {
            // cheap answer for garbage floods: no parser exception to build
            return reject("payload", "is not a JSON object (must start with '{')");
        }
        return null;
    }

    private static DecodeResult decodeTree(MessageKind kind, byte[] payload) {
        JsonNode root;
        try {
            root = WireJson.readTree(payload);
        } catch (JsonProcessingException e) {
            return reject("payload", "is not valid JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException | RuntimeException e) {
            return reject("payload", "is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            return reject("payload", "must be a JSON object");
        }
        try {
            return UplinkDecoder.decode(kind, root);
        } catch (RuntimeException e) {
            // A bug here must cost one message, never the connection: report it as a rejection.
            return reject("payload", "could not be decoded (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Encodes a message as a device would send it. Does not validate: the simulator may send faulty data on purpose. */
    public byte[] encode(UplinkMessage message) {
        return WireJson.writeObject(json -> {
            json.writeStringField("msgId", message.msgId());
            json.writeStringField("ts", WireTime.format(message.deviceTime()));
            if (message instanceof VitalsMessage vitals) {
                writeReadings(json, vitals);
            } else if (message instanceof LocationMessage location) {
                WireJson.writeNumber(json, "lat", location.point().lat());
                WireJson.writeNumber(json, "lon", location.point().lon());
                optional(json, "accuracy", location.accuracyM());
                json.writeStringField("source", location.source());
            } else if (message instanceof EventMessage event) {
                json.writeStringField("type", event.type().name());
                if (event.point() != null) {
                    WireJson.writeNumber(json, "lat", event.point().lat());
                    WireJson.writeNumber(json, "lon", event.point().lon());
                }
                optional(json, "accuracy", event.accuracyM());
                optional(json, "battery", event.battery());
                optional(json, "confidence", event.confidence());
                optional(json, "refMsgId", event.refMsgId());
                if (event.replay()) {
                    json.writeBooleanField("replay", true);
                }
            } else if (message instanceof StatusMessage status) {
                optional(json, "battery", status.battery());
                optional(json, "worn", status.worn());
                optional(json, "charging", status.charging());
                optional(json, "firmware", status.firmware());
                optional(json, "rssi", status.rssi());
                optional(json, "online", status.online());
            }
        });
    }

    private static void writeReadings(JsonGenerator json, VitalsMessage vitals) throws IOException {
        json.writeArrayFieldStart("readings");
        for (Reading reading : vitals.readings()) {
            json.writeStartObject();
            json.writeStringField("code", reading.sign().code());
            WireJson.writeNumber(json, "value", reading.value());
            Instant time = reading.time();
            if (!time.equals(vitals.deviceTime())) {
                json.writeStringField("ts", WireTime.format(time));
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void optional(JsonGenerator json, String name, Object value) throws IOException {
        if (value == null) {
            return;
        }
        if (value instanceof Double d) {
            WireJson.writeNumber(json, name, d);
        } else if (value instanceof Integer i) {
            json.writeNumberField(name, i);
        } else if (value instanceof Boolean b) {
            json.writeBooleanField(name, b);
        } else {
            json.writeStringField(name, value.toString());
        }
    }

    /** True when the first byte after whitespace (and a UTF-8 byte-order mark) is '{'. */
    static boolean startsLikeAnObject(byte[] payload) {
        int i = payload.length >= 3 && payload[0] == (byte) 0xEF && payload[1] == (byte) 0xBB
                && payload[2] == (byte) 0xBF ? 3 : 0;
        while (i < payload.length && (payload[i] == ' ' || payload[i] == '\t' || payload[i] == '\n'
                || payload[i] == '\r')) {
            i++;
        }
        return i < payload.length && payload[i] == '{';
    }

    private static DecodeResult reject(String field, String reason) {
        return new DecodeResult.Rejected(List.of(new Problem(field, reason)));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int cut = message.indexOf('\n');
        return PayloadFields.printable(cut < 0 ? message : message.substring(0, cut), 160);
    }
}
