package care.anxin.store.notify;

/**
 * The PostgreSQL NOTIFY channels between services, in one place. Each is fired by a trigger of the
 * schema (V1__core.sql); a notification is a wake-up, the table is the queue.
 */
public enum NotifyChannel {
    /** A device_event row was inserted (payload empty): wakes the alert service's consumer. */
    DEVICE_EVENT("device_event"),
    /** An alert row changed (payload "alertId,organizationId"): the monitoring service's live stream. */
    ALERT_CHANGED("alert_changed"),
    /** A device_command row was inserted (payload the device id): the gateway holding the device publishes it. */
    DEVICE_COMMAND("device_command");

    private final String sqlName;

    NotifyChannel(String sqlName) {
        this.sqlName = sqlName;
    }

    /** The channel name used by LISTEN and pg_notify. */
    public String sqlName() {
        return sqlName;
    }
}
