package care.anxin.store.alerting;

/** Result of an incident upsert: the open incident's id, whether this call created it, its count. */
public record Upserted(long id, boolean inserted, int eventCount) {
}
