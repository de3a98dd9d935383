package care.anxin.domain.wire;

import care.anxin.domain.geo.GeoPoint;
import care.anxin.domain.vital.VitalSign;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns a parsed JSON object into an uplink message, checking every rule of docs/protocol.md. */
final class UplinkDecoder {

    static final int MAX_READINGS = 32;
    static final double MAX_ACCURACY_M = 10_000;
    static final int MAX_FIRMWARE_LENGTH = 64;
    static final int MIN_RSSI = -200;
    static final int MAX_RSSI = 0;
    private static final List<String> SOURCES = List.of("GPS", "WIFI", "LBS");
    /** Field-path prefixes of valid reading positions, built once instead of per reading. */
    private static final String[] READING_PREFIXES = new String[MAX_READINGS];

    static {
        for (int i = 0; i < MAX_READINGS; i++) {
            READING_PREFIXES[i] = "readings[" + i + "].";
        }
    }

    private UplinkDecoder() {
    }

    static DecodeResult decode(MessageKind kind, JsonNode root) {
        PayloadFields in = new PayloadFields();
        String msgId = in.messageId(root, null, "msgId", true);
        Instant ts = in.time(root, null, "ts", true);
        UplinkMessage message = switch (kind) {
            case VITALS -> vitals(in, root, msgId, ts);
            case LOCATION -> location(in, root, msgId, ts);
            case EVENT -> event(in, root, msgId, ts);
            case STATUS -> status(in, root, msgId, ts);
        };
        return in.ok() ? new DecodeResult.Accepted(message) : new DecodeResult.Rejected(in.problems());
    }

    private static VitalsMessage vitals(PayloadFields in, JsonNode root, String msgId, Instant ts) {
        JsonNode array = PayloadFields.field(root, "readings");
        if (array == null) {
            in.problem("readings", "is required (1-" + MAX_READINGS + " readings)");
            return null;
        }
        if (!array.isArray()) {
            in.problem("readings", "must be an array of 1-" + MAX_READINGS + " readings");
            return null;
        }
        int size = array.size();
        if (size == 0 || size > MAX_READINGS) {
            in.problem("readings", "must hold 1-" + MAX_READINGS + " readings (got " + size + ")");
        }
        List<Reading> readings = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Reading reading = reading(in, array.get(i), i, ts);
            if (reading != null) {
                readings.add(reading);
            }
        }
        return in.ok() ? new VitalsMessage(msgId, ts, readings) : null;
    }

    private static Reading reading(PayloadFields in, JsonNode node, int index, Instant messageTime) {
        String prefix = index < READING_PREFIXES.length ? READING_PREFIXES[index] : "readings[" + index + "].";
        if (!node.isObject()) {
            in.problem("readings[" + index + "]", "must be an object {\"code\":..., \"value\":...}");
            return null;
        }
        VitalSign sign = null;
        JsonNode code = PayloadFields.field(node, "code");
        if (code == null) {
            in.problem(prefix + "code", "is required (one of " + codes() + ")");
        } else if (!code.isTextual()) {
            in.problem(prefix + "code", "must be a string, one of " + codes());
        } else {
            Optional<VitalSign> known = VitalSign.fromCode(code.textValue());
            if (known.isEmpty()) {
                in.problem(prefix + "code", PayloadFields.quote(code.textValue()) + " is not one of " + codes());
            } else {
                sign = known.get();
            }
        }
        Double value = readingValue(in, node, prefix, sign);
        Instant own = in.time(node, prefix, "ts", false);
        Instant time = own != null ? own : messageTime;
        if (sign == null || value == null || time == null) {
            return null; // the problem is already recorded (a missing message ts included)
        }
        return new Reading(sign, value, time);
    }

    private static Double readingValue(PayloadFields in, JsonNode node, String prefix, VitalSign sign) {
        JsonNode valueNode = PayloadFields.field(node, "value");
        if (valueNode == null) {
            in.problem(prefix + "value", "is required (a number)");
            return null;
        }
        double value = PayloadFields.finite(valueNode);
        if (Double.isNaN(value)) {
            in.problem(prefix + "value", PayloadFields.notANumber(valueNode));
            return null;
        }
        if (sign != null && !sign.plausible(value)) {
            in.problem(prefix + "value", WireJson.format(value) + " is outside the plausible range "
                    + WireJson.format(sign.plausibleMin()) + "-" + WireJson.format(sign.plausibleMax()) + " "
                    + sign.ucum() + " for " + sign.code());
            return null;
        }
        return value;
    }

    private static LocationMessage location(PayloadFields in, JsonNode root, String msgId, Instant ts) {
        Double lat = in.number(root, null, "lat", true, -90, 90);
        Double lon = in.number(root, null, "lon", true, -180, 180);
        Double accuracy = in.number(root, null, "accuracy", false, 0, MAX_ACCURACY_M);
        String source = in.text(root, "source", 8);
        if (source != null && !SOURCES.contains(source)) {
            in.problem("source", PayloadFields.quote(source) + " is not one of GPS, WIFI, LBS");
        }
        if (!in.ok()) {
            return null;
        }
        return new LocationMessage(msgId, ts, new GeoPoint(lat, lon), accuracy, source);
    }

    private static EventMessage event(PayloadFields in, JsonNode root, String msgId, Instant ts) {
        EventType type = null;
        JsonNode typeNode = PayloadFields.field(root, "type");
        if (typeNode == null) {
            in.problem("type", "is required (one of " + eventTypes() + ")");
        } else if (!typeNode.isTextual()) {
            in.problem("type", "must be a string, one of " + eventTypes());
        } else {
            Optional<EventType> known = EventType.fromName(typeNode.textValue());
            if (known.isEmpty()) {
                in.problem("type", PayloadFields.quote(typeNode.textValue()) + " is not one of " + eventTypes());
            } else {
                type = known.get();
            }
        }
        GeoPoint point = optionalPoint(in, root);
        Double accuracy = in.number(root, null, "accuracy", false, 0, MAX_ACCURACY_M);
        Integer battery = in.integer(root, null, "battery", 0, 100);
        Double confidence = in.number(root, null, "confidence", false, 0, 1);
        String refMsgId = in.messageId(root, null, "refMsgId", false);
        Boolean replay = in.bool(root, "replay");
        if (!in.ok()) {
            return null;
        }
        return new EventMessage(msgId, ts, type, point, accuracy, battery, confidence, refMsgId, Boolean.TRUE.equals(replay));
    }

    /** lat and lon are optional on events, but only together. */
    private static GeoPoint optionalPoint(PayloadFields in, JsonNode root) {
        boolean hasLat = PayloadFields.field(root, "lat") != null;
        boolean hasLon = PayloadFields.field(root, "lon") != null;
        if (!hasLat && !hasLon) {
            return null;
        }
        if (hasLat != hasLon) {
            in.problem(hasLat ? "lon" : "lat", "must be given together with " + (hasLat ? "lat" : "lon"));
        }
        Double lat = in.number(root, null, "lat", false, -90, 90);
        Double lon = in.number(root, null, "lon", false, -180, 180);
        return lat != null && lon != null ? new GeoPoint(lat, lon) : null;
    }

    private static StatusMessage status(PayloadFields in, JsonNode root, String msgId, Instant ts) {
        Integer battery = in.integer(root, null, "battery", 0, 100);
        Boolean worn = in.bool(root, "worn");
        Boolean charging = in.bool(root, "charging");
        String firmware = in.text(root, "firmware", MAX_FIRMWARE_LENGTH);
        Integer rssi = in.integer(root, null, "rssi", MIN_RSSI, MAX_RSSI);
        Boolean online = in.bool(root, "online");
        if (!in.ok()) {
            return null;
        }
        return new StatusMessage(msgId, ts, battery, worn, charging, firmware, rssi, online);
    }

    private static String codes() {
        return CODES;
    }

    private static String eventTypes() {
        return EVENT_TYPES;
    }

    private static final String CODES = join(VitalSign.values());
    private static final String EVENT_TYPES = join(EventType.values());

    private static String join(Enum<?>[] values) {
        StringBuilder out = new StringBuilder();
        for (Enum<?> value : values) {
            out.append(out.length() == 0 ? "" : ", ").append(value.name());
        }
        return out.toString();
    }
}
