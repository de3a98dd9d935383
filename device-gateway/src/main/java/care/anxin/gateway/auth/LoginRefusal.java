package care.anxin.gateway.auth;

/** Why a login was refused, independent of the device protocol (each protocol maps it to its codes). */
public enum LoginRefusal {
    BAD_CREDENTIALS,
    NOT_AUTHORIZED,
    CLIENT_ID_INVALID,
    CONNECTION_RATE_EXCEEDED,
    QUOTA_EXCEEDED,
    SERVER_BUSY,
    SERVER_UNAVAILABLE;

    /** Metric tag. */
    public String tag() {
        return name().toLowerCase();
    }
}
