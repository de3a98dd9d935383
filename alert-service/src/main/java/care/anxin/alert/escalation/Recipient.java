package care.anxin.alert.escalation;

/**
 * One resolved destination of a step.
 *
 * @param channel WEBHOOK or SMS
 * @param endpointId the notification_endpoint, null for a family contact
 * @param address URL or phone number
 * @param key stable part of the idempotency key ("endpoint:7", "contact:3:sms")
 * @param label who this is, for the timeline
 */
public record Recipient(String channel, Long endpointId, String address, String key, String label) {
}
