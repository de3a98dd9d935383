package care.anxin.alert.rules;

import java.util.List;
import java.util.Set;

/**
 * A rule's result: active findings; elders that are not (or no longer) past the raise limit but
 * have not cleared either (hysteresis: their open incident stays open); or skipped (the rule does
 * not apply now, e.g. inactivity at night: nothing is opened or resolved).
 */
public record Evaluation(List<Finding> active, Set<Long> holding, boolean skipped) {

    public static Evaluation of(List<Finding> active) {
        return new Evaluation(active, Set.of(), false);
    }

    public static Evaluation of(List<Finding> active, Set<Long> holding) {
        return new Evaluation(active, holding, false);
    }

    public static Evaluation skip() {
        return new Evaluation(List.of(), Set.of(), true);
    }
}
