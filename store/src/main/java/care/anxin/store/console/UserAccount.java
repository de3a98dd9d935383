package care.anxin.store.console;

/**
 * A console user with the organization facts the security layer needs.
 *
 * @param mustChangePassword the password is temporary (admin reset or bootstrap): only a password change is allowed
 * @param sessionEpoch       bumped when the user is disabled, reset or changes the password; older sessions end
 */
public record UserAccount(long id, String username, String displayName, String passwordHash, Role role,
                          String locale, boolean enabled, OrganizationRef organization, String organizationPath,
                          boolean mustChangePassword, int sessionEpoch) {

    public ViewerScope scope() {
        return new ViewerScope(id, role, organizationPath);
    }
}
