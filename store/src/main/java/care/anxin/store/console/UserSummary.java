package care.anxin.store.console;

/** A user as listed for pickers and admin pages. */
public record UserSummary(long id, String username, String displayName, Role role, long organizationId, boolean enabled,
                          boolean mustChangePassword) {
}
