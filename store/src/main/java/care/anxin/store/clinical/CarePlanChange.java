package care.anxin.store.clinical;

import java.time.Instant;

/** One change of an elder's care plan: the stored JSON before and after (canonical CarePlanJson). */
public record CarePlanChange(Instant at, String username, String before, String after) {
}
