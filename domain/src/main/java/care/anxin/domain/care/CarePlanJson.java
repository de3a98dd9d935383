package care.anxin.domain.care;

import care.anxin.domain.vital.VitalSign;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * JSON form of a {@link CarePlan} as stored in {@code elder.care_plan} and used by the admin API:
 * {@code {"thresholds":{"HR":{"criticalLow":40,"low":50,"high":110,"criticalHigh":130}},
 * "inactivityHours":4,"noDataMinutes":60}}.
 */
public final class CarePlanJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] BOUNDS = {"criticalLow", "low", "high", "criticalHigh"};

    private CarePlanJson() {
    }

    /**
     * Parses a care plan. Tolerant where it is safe: null, blank, {@code null} or {@code {}} give
     * {@link CarePlan#EMPTY}; unknown vital codes and unknown fields are ignored (forward compatible).
     * Broken JSON or contradictory bounds throw {@link IllegalArgumentException} with the reason.
     */
    public static CarePlan parse(String json) {
        if (json == null || json.isBlank()) {
            return CarePlan.EMPTY;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("care plan is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return CarePlan.EMPTY;
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("care plan must be a JSON object");
        }
        Map<VitalSign, Threshold> thresholds = new EnumMap<>(VitalSign.class);
        JsonNode node = root.get("thresholds");
        if (node != null && !node.isNull()) {
            if (!node.isObject()) {
                throw new IllegalArgumentException("thresholds must be an object keyed by vital code");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                Optional<VitalSign> sign = VitalSign.fromCode(entry.getKey());
                if (sign.isPresent()) {
                    thresholds.put(sign.get(), threshold(entry.getKey(), entry.getValue()));
                }
            }
        }
        return new CarePlan(thresholds, positiveInt(root, "inactivityHours"), positiveInt(root, "noDataMinutes"));
    }

    public static String toJson(CarePlan plan) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode thresholds = root.putObject("thresholds");
        plan.thresholds().forEach((sign, threshold) -> thresholds.set(sign.code(), toNode(threshold)));
        if (plan.inactivityHours() != null) {
            root.put("inactivityHours", plan.inactivityHours());
        }
        if (plan.noDataMinutes() != null) {
            root.put("noDataMinutes", plan.noDataMinutes());
        }
        return root.toString();
    }

    /** One threshold as a JSON object with only the bounds that are set (also used for event payloads). */
    public static ObjectNode toNode(Threshold threshold) {
        ObjectNode node = MAPPER.createObjectNode();
        Double[] values = {threshold.criticalLow(), threshold.low(), threshold.high(), threshold.criticalHigh()};
        for (int i = 0; i < BOUNDS.length; i++) {
            Double value = values[i];
            if (value == null) {
                continue;
            }
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                node.put(BOUNDS[i], value.longValue());
            } else {
                node.put(BOUNDS[i], value);
            }
        }
        return node;
    }

    private static Threshold threshold(String code, JsonNode node) {
        if (node == null || node.isNull()) {
            return Threshold.NONE;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("thresholds." + code + " must be an object");
        }
        Double[] values = new Double[BOUNDS.length];
        for (int i = 0; i < BOUNDS.length; i++) {
            JsonNode bound = node.get(BOUNDS[i]);
            if (bound == null || bound.isNull()) {
                continue;
            }
            if (!bound.isNumber()) {
                throw new IllegalArgumentException("thresholds." + code + "." + BOUNDS[i] + " must be a number");
            }
            values[i] = bound.doubleValue();
        }
        try {
            return new Threshold(values[0], values[1], values[2], values[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("thresholds." + code + ": " + e.getMessage(), e);
        }
    }

    private static Integer positiveInt(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() <= 0) {
            throw new IllegalArgumentException(name + " must be a positive integer");
        }
        return node.intValue();
    }
}
