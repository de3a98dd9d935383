package care.anxin.store.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSONB columns read as trees; the column is ours, so unreadable content shows as an empty object. */
final class JsonColumns {

    private JsonColumns() {
    }

    static JsonNode tree(ObjectMapper json, String text) {
        try {
            return text == null ? json.createObjectNode() : json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }
}
