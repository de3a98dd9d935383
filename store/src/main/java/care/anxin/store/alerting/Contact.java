package care.anxin.store.alerting;

/** A family contact of an elder, by priority. */
public record Contact(long id, String name, String relation, String phone, String webhookUrl) {
}
