package care.anxin.store.notify;

/**
 * The PostgreSQL NOTIFY channels between services, in one place. Each is fired by a trigger of the
 * schema (V1__core.sql, V55, V70__help_center.sql) or by a repository; a notification is a wake-up, the table is the queue.
 */
public enum NotifyChannel {
    /** A device_event row was inserted (payload empty): wakes the alert service's consumer. */
    DEVICE_EVENT("device_event"),
    /** An alert row changed (payload "alertId,organizationId"): the monitoring service's live stream. */
    ALERT_CHANGED("alert_changed"),
    /** A device_command row was inserted (payload the device id): the gateway holding the device publishes it. */
    DEVICE_COMMAND("device_command"),
    /**
     * A device connected to a gateway while another gateway had it online (payload
     * {@link DeviceSessionNotice}): the gateway still holding it closes that session as taken over.
     */
    DEVICE_SESSION("device_session"),
    /**
     * A device was disabled, its secret rotated or its elder changed (payload the device id; trigger
     * of V55): the gateway holding it ends the session.
     */
    DEVICE_REVOKED("device_revoked"),
    /** A notification row was inserted (V70 trigger, payload empty): wakes the alert service's dispatcher. */
    NOTIFICATION_QUEUED("notification_queued"),
    /** An incident opened by hand (phone intake, payload the alert id): wakes the alert service's escalation job. */
    INCIDENT_TIMER_DUE("incident_timer_due");

    private final String sqlName;

    NotifyChannel(String sqlName) {
        this.sqlName = sqlName;
    }

    /** The channel name used by LISTEN and pg_notify. */
    public String sqlName() {
        return sqlName;
    }
}
