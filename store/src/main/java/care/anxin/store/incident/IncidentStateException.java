package care.anxin.store.incident;

/** A human action that the incident's current state does not allow (e.g. acknowledging a resolved incident). */
public class IncidentStateException extends RuntimeException {

    private final long alertId;
    private final String currentStatus;

    public IncidentStateException(long alertId, String currentStatus, String message) {
        super(message);
        this.alertId = alertId;
        this.currentStatus = currentStatus;
    }

    public long alertId() {
        return alertId;
    }

    /** The status found, or null when the incident does not exist. */
    public String currentStatus() {
        return currentStatus;
    }
}
