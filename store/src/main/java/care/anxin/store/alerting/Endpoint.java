package care.anxin.store.alerting;

/** An enabled notification endpoint of an organization (WEBHOOK url+secret, SMS/VOICE phone). */
public record Endpoint(long id, long organizationId, String channel, String name, String url, String phone) {
}
