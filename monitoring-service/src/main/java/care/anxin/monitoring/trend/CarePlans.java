package care.anxin.monitoring.trend;

import care.anxin.monitoring.api.BadRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

/** Care plans as admins send them: checked and stored as JSON in elder.care_plan. */
@Component
public class CarePlans {

    /** The JSON to store, or null for "defaults for the elder's age". */
    public String normalise(JsonNode plan) {
        if (plan == null || plan.isNull()) {
            return null;
        }
        if (!plan.isObject()) {
            throw new BadRequestException("carePlan", "carePlan must be an object");
        }
        JsonNode thresholds = plan.get("thresholds");
        if (thresholds != null && !thresholds.isNull() && !thresholds.isObject()) {
            throw new BadRequestException("carePlan.thresholds", "thresholds must map vital codes to thresholds");
        }
        return plan.toString();
    }
}
