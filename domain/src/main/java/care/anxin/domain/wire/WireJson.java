package care.anxin.domain.wire;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON configuration of the wire: shared, thread-safe, and hardened against hostile
 * payloads (deep nesting, huge numbers, duplicate keys, trailing garbage) so parsing stays cheap
 * and bounded.
 */
final class WireJson {

    /** Devices must stay under this (docs/protocol.md); the MQTT layer enforces it too. */
    static final int MAX_PAYLOAD_BYTES = 16 * 1024;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(16)
                    .maxNumberLength(64)
                    .maxStringLength(MAX_PAYLOAD_BYTES)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static final JsonMapper MAPPER = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static final ObjectReader TREE_READER = MAPPER.reader();

    private WireJson() {
    }

    /** Parses a payload into a tree; throws on anything that is not exactly one JSON value. */
    static JsonNode readTree(byte[] payload) throws IOException {
        return TREE_READER.readTree(payload);
    }

    /** A streaming parser with the same limits and duplicate-key check as {@link #readTree}. */
    static JsonParser parser(byte[] payload) throws IOException {
        return FACTORY.createParser(payload);
    }

    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    /** Writes one JSON object with {@code body} and returns the UTF-8 bytes. */
    static byte[] writeObject(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            body.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes integral values without a fraction ({@code 72}, not {@code 72.0}); others exactly. */
    static void writeNumber(JsonGenerator json, String name, double value) throws IOException {
        json.writeFieldName(name);
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            json.writeNumber((long) value);
        } else {
            json.writeNumber(value);
        }
    }

    /** Formats a number for a human reason string, e.g. {@code 400}, {@code 36.6}. */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
