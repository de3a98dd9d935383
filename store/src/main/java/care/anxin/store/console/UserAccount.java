package care.anxin.store.console;

/** A console user with the organization facts the security layer needs. */
public record UserAccount(long id, String username, String displayName, String passwordHash, Role role,
                          String locale, boolean enabled, OrganizationRef organization, String organizationPath) {

    public ViewerScope scope() {
        return new ViewerScope(id, role, organizationPath);
    }
}
