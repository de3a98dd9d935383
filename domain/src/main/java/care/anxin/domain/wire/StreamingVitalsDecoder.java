package care.anxin.domain.wire;

import care.anxin.domain.vital.VitalSign;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The gateway's hot path for {@code up/vitals}: reads the payload token by token (no JSON tree) and
 * builds the message only when it is the plain, valid shape devices send —
 * {@code {"msgId":..., "ts":..., "readings":[{"code":..., "value":..., "ts":...}, ...]}} (a reading's
 * ts optional) in any order, no other fields, no nulls. Anything else (an error, an unknown or repeated
 * field, a value the rules refuse, an exception) returns null and {@link UplinkDecoder} decides, so
 * every rejection and every unusual message keeps the tree path's outcome. The rules are the tree
 * path's own checks ({@link PayloadFields#validMessageId}, {@link WireTime#parse},
 * {@link VitalSign#fromCode}, {@link VitalSign#plausible}), called, not copied.
 */
final class StreamingVitalsDecoder {

    private StreamingVitalsDecoder() {
    }

    /** The message, or null when the payload is anything but the plain valid shape. Never throws. */
    static VitalsMessage decode(byte[] payload) {
        try (JsonParser json = WireJson.parser(payload)) {
            // every repeated field already makes this path give up: spare the parser's name set
            json.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            return json.nextToken() == JsonToken.START_OBJECT ? message(json) : null;
        } catch (IOException | RuntimeException e) {
            return null; // malformed or unexpected: the tree path builds the exact rejection
        }
    }

    private static VitalsMessage message(JsonParser json) throws IOException {
        String msgId = null;
        Instant ts = null;
        Readings readings = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            switch (name) {
                case "msgId" -> {
                    if (msgId != null || value != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    msgId = json.getText();
                    if (!PayloadFields.validMessageId(msgId)) {
                        return null;
                    }
                }
                case "ts" -> {
                    if (ts != null || value != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    ts = WireTime.parse(json.getText());
                    if (ts == null) {
                        return null;
                    }
                }
                case "readings" -> {
                    if (readings != null || value != JsonToken.START_ARRAY) {
                        return null;
                    }
                    readings = Readings.read(json);
                    if (readings == null) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        // the loop ends at the root's END_OBJECT; nothing may follow it (FAIL_ON_TRAILING_TOKENS)
        if (msgId == null || ts == null || readings == null || json.nextToken() != null) {
            return null;
        }
        return new VitalsMessage(msgId, ts, readings.at(ts));
    }

    /**
     * The readings as read, timed at the end: the message ts may come after them. A null time is
     * the message ts (the reading has no ts of its own).
     */
    private static final class Readings {
        private VitalSign[] signs = new VitalSign[4]; // the usual count; grows to at most MAX_READINGS
        private double[] values = new double[4];
        private Instant[] times = new Instant[4];
        private int count;

        /** Reads the array after its START_ARRAY; null unless every element is a plain valid reading. */
        static Readings read(JsonParser json) throws IOException {
            Readings readings = new Readings();
            JsonToken token;
            while ((token = json.nextToken()) == JsonToken.START_OBJECT) {
                if (readings.count == UplinkDecoder.MAX_READINGS || !readings.readOne(json)) {
                    return null;
                }
            }
            return token == JsonToken.END_ARRAY && readings.count > 0 ? readings : null;
        }

        /** Reads one reading after its START_OBJECT; false when it is not a plain valid one. */
        private boolean readOne(JsonParser json) throws IOException {
            VitalSign sign = null;
            double value = Double.NaN; // NaN = not seen yet; a number never reads as NaN here
            Instant own = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken field = json.nextToken();
                if (name.equals("code") && sign == null && field == JsonToken.VALUE_STRING) {
                    sign = VitalSign.fromCode(json.getText()).orElse(null);
                    if (sign == null) {
                        return false;
                    }
                } else if (name.equals("value") && Double.isNaN(value)) {
                    value = number(json, field);
                    if (Double.isNaN(value)) {
                        return false;
                    }
                } else if (name.equals("ts") && own == null && field == JsonToken.VALUE_STRING) {
                    own = WireTime.parse(json.getText());
                    if (own == null) {
                        return false;
                    }
                } else {
                    return false; // an unknown, repeated or null field
                }
            }
            if (sign == null || Double.isNaN(value) || !sign.plausible(value)) {
                return false;
            }
            if (count == signs.length) {
                signs = Arrays.copyOf(signs, count * 2);
                values = Arrays.copyOf(values, count * 2);
                times = Arrays.copyOf(times, count * 2);
            }
            signs[count] = sign;
            values[count] = value;
            times[count++] = own;
            return true;
        }

        /**
         * The value as the tree path reads it (an int node's value, a double node's value), or NaN
         * for anything the fast path leaves to it: not a number, beyond int, not finite.
         */
        private static double number(JsonParser json, JsonToken token) throws IOException {
            if (token == JsonToken.VALUE_NUMBER_INT) {
                return json.getNumberType() == JsonParser.NumberType.INT ? json.getIntValue() : Double.NaN;
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                double value = json.getDoubleValue();
                return Double.isFinite(value) ? value : Double.NaN;
            }
            return Double.NaN;
        }

        List<Reading> at(Instant messageTime) {
            List<Reading> readings = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                readings.add(new Reading(signs[i], values[i], times[i] != null ? times[i] : messageTime));
            }
            return readings;
        }
    }
}
