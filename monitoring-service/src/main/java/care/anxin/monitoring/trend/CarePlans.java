package care.anxin.monitoring.trend;

import care.anxin.domain.care.CarePlan;
import care.anxin.domain.care.CarePlanJson;
import care.anxin.domain.vital.VitalSign;
import care.anxin.monitoring.api.BadRequestException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Care plans through the domain's {@link CarePlanJson}: checked on the way in, completed with age defaults on the way out. */
@Component
public class CarePlans {

    private static final Logger log = LoggerFactory.getLogger(CarePlans.class);

    private final ObjectMapper json;

    public CarePlans(ObjectMapper json) {
        this.json = json;
    }

    /** The JSON to store (canonical form), or null for "defaults for the elder's age". */
    public String normalise(JsonNode plan) {
        if (plan == null || plan.isNull()) {
            return null;
        }
        try {
            return CarePlanJson.toJson(CarePlanJson.parse(plan.toString()));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("carePlan", e.getMessage());
        }
    }

    /** The stored plan completed with the defaults for the elder's age. */
    public JsonNode effective(JsonNode stored, int age) {
        try {
            return json.readTree(CarePlanJson.toJson(plan(stored == null ? null : stored.toString(), age)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("CarePlanJson wrote unreadable JSON", e);
        }
    }

    /** Thresholds per requested code, only the bounds that are set. */
    public Map<String, JsonNode> thresholds(String storedJson, int age, List<VitalSign> signs) {
        CarePlan plan = plan(storedJson, age);
        Map<String, JsonNode> result = new LinkedHashMap<>();
        for (VitalSign sign : signs) {
            if (!plan.threshold(sign).empty()) {
                result.put(sign.code(), CarePlanJson.toNode(plan.threshold(sign)));
            }
        }
        return result;
    }

    /** Why a stored plan cannot be read, or empty when it can (the gateway then uses the age defaults). */
    public java.util.Optional<String> problem(String storedJson) {
        try {
            CarePlanJson.parse(storedJson);
            return java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
            return java.util.Optional.of(e.getMessage());
        }
    }

    /** A stored plan that no longer parses falls back to the age defaults (logged), never an error page. */
    private static CarePlan plan(String storedJson, int age) {
        try {
            return CarePlanJson.parse(storedJson).withDefaultsForAge(age);
        } catch (IllegalArgumentException e) {
            log.warn("Stored care plan unreadable ({}); using the defaults for age {}", e.getMessage(), age);
            return CarePlan.defaultsForAge(age);
        }
    }
}
