package care.anxin.alert.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON text for jsonb columns and payloads, and tolerant reading of stored JSON. */
public class JsonText {

    private final ObjectMapper mapper;

    public JsonText(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String of(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    /** Parses stored JSON; malformed or empty text reads as an empty object (never throws). */
    public JsonNode read(String json) {
        if (json == null || json.isBlank()) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            return mapper.createObjectNode();
        }
    }

    public ObjectNode object() {
        return mapper.createObjectNode();
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
