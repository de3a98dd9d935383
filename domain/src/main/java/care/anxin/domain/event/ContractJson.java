package care.anxin.domain.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * JSON of the records that cross the database between services: device-event payloads (gateway →
 * alert service) and command payloads (alert service → gateway). Both sides use this one mapping,
 * never field-name lookups. Null fields are left out; unknown fields are ignored (a newer writer).
 * Thread-safe.
 */
public final class ContractJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private ContractJson() {
    }

    public static String write(QueuedJson value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    /** The payload of an event of this kind; an empty or null text reads as the payload with no fields. */
    public static DeviceEventPayload readEvent(DeviceEventKind kind, String json) {
        return read(kind.payloadType(), json);
    }

    /**
     * Reads a stored payload.
     *
     * @throws IllegalArgumentException when the text is not JSON of that record (names the type)
     */
    public static <T extends QueuedJson> T read(Class<T> type, String json) {
        try {
            return MAPPER.readValue(json == null || json.isBlank() ? "{}" : json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid " + type.getSimpleName() + " payload: "
                    + e.getOriginalMessage(), e);
        }
    }
}
