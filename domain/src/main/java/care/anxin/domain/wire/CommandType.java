package care.anxin.domain.wire;

/** Platform → device commands ({@code down/command} {@code type}). */
public enum CommandType {
    /** Shows and speaks {@code text}: the emergency call was received, help is coming. */
    ALERT_ACK,
    /** Shows and speaks a message from the care center. */
    MESSAGE,
    /** Publish a fresh location fix at once. */
    LOCATE,
    /** Change reporting intervals. */
    CONFIG
}
