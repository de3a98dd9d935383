package care.anxin.store.alerting;

/** A family member's account linked to an elder: part of the elder's CONTACTS escalation step. */
public record FamilyAccount(long userId, String name, String relation, String phone) {
}
