package care.anxin.store.alerting;

/** alert_hold.status: HELD until RELEASED (incident opened) or CANCELLED (the elder cancelled the fall). */
public enum HoldStatus {
    HELD, RELEASED, CANCELLED
}
