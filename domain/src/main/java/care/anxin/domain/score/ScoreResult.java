package care.anxin.domain.score;

import care.anxin.domain.vital.VitalSign;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An early-warning score: the total, the points per scored vital sign, the risk band, and the codes
 * of the scored parameters that had no value (the total is then a lower bound).
 */
public record ScoreResult(int total, Map<VitalSign, Integer> parts, Risk risk, List<String> missing) {
    public ScoreResult {
        parts = parts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(parts));
        missing = List.copyOf(missing);
    }

    /** True when all five wearable parameters were present. */
    public boolean complete() {
        return missing.isEmpty();
    }
}
