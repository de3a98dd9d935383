package care.anxin.domain.incident;

import java.util.EnumSet;
import java.util.Set;

/** Where an incident stands. OPEN and ACKNOWLEDGED are "open": at most one per elder and kind. */
public enum IncidentStatus {
    OPEN, ACKNOWLEDGED, RESOLVED, CANCELLED, AUTO_RESOLVED;

    public static final Set<IncidentStatus> ACTIVE = EnumSet.of(OPEN, ACKNOWLEDGED);

    public boolean active() {
        return ACTIVE.contains(this);
    }
}
