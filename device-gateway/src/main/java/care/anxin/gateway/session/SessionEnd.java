package care.anxin.gateway.session;

/** Why the gateway itself ends a live session (as opposed to the device leaving). */
public enum SessionEnd {
    /** The same device connected again (here or on another gateway). */
    TAKEN_OVER,
    /** The device was disabled, its secret rotated or its elder binding changed. */
    REVOKED,
    /** This gateway is stopping. */
    SHUTTING_DOWN
}
