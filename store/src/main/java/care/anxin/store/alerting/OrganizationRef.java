package care.anxin.store.alerting;

/** One organization on the way up the tree. */
public record OrganizationRef(long id, Long parentId, String kind, String name) {
}
