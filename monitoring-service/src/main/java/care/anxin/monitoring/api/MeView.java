package care.anxin.monitoring.api;

import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.console.OrganizationRef;
import care.anxin.store.console.Role;

/**
 * GET /api/v1/me. apiKey is true when the caller authenticated with an API key; mustChangePassword
 * when the password is temporary (everything but a password change is refused until then).
 */
public record MeView(long id, String username, String displayName, Role role, OrganizationRef organization,
                     String locale, boolean apiKey, boolean mustChangePassword) {

    public static MeView of(AnxinPrincipal p) {
        return new MeView(p.userId(), p.username(), p.displayName(), p.role(), p.organization(), p.locale(),
                p.apiKeyId() != null, p.mustChangePassword());
    }
}
