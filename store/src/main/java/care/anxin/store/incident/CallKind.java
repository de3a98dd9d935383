package care.anxin.store.incident;

/**
 * Incidents opened by hand from a phone call to the help center (the alert.kind values): an
 * emergency, a health concern, or a service request (meals, cleaning, repairs, accompaniment).
 */
public enum CallKind {
    CALL_SOS("CRITICAL"),
    CALL_HEALTH("HIGH"),
    CALL_SERVICE("LOW");

    private final String defaultSeverity;

    CallKind(String defaultSeverity) {
        this.defaultSeverity = defaultSeverity;
    }

    /** Severity when the operator does not choose one: service requests rank below emergencies. */
    public String defaultSeverity() {
        return defaultSeverity;
    }
}
