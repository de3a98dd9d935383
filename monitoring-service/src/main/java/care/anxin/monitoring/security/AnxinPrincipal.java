package care.anxin.monitoring.security;

import care.anxin.store.console.OrganizationRef;
import care.anxin.store.console.Role;
import care.anxin.store.console.UserAccount;
import care.anxin.store.console.ViewerScope;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Who is calling: a console user (session or HTTP Basic) or an API key. Every query takes its
 * {@link #scope()}.
 *
 * @param userId             the acting user; for an API key, the admin who created it
 * @param apiKeyId           set when authenticated with an API key
 * @param mustChangePassword the password is temporary: only a password change is allowed
 * @param sessionEpoch       the user's session epoch at login; a newer one in the database ends this login
 */
public record AnxinPrincipal(long userId, String username, String displayName, Role role, OrganizationRef organization,
                             String organizationPath, String locale, String passwordHash, boolean enabled,
                             Long apiKeyId, boolean mustChangePassword, int sessionEpoch)
        implements UserDetails, Serializable {

    public static AnxinPrincipal of(UserAccount account) {
        return new AnxinPrincipal(account.id(), account.username(), account.displayName(), account.role(),
                account.organization(), account.organizationPath(), account.locale(), account.passwordHash(),
                account.enabled(), null, account.mustChangePassword(), account.sessionEpoch());
    }

    public ViewerScope scope() {
        return new ViewerScope(userId, role, organizationPath);
    }

    /** The principal without its password hash, as kept in the session. */
    public AnxinPrincipal withoutPassword() {
        return new AnxinPrincipal(userId, username, displayName, role, organization, organizationPath, locale, null,
                enabled, apiKeyId, mustChangePassword, sessionEpoch);
    }

    /** After a password change: the new epoch, and no longer temporary. */
    public AnxinPrincipal withNewPassword(int newEpoch) {
        return new AnxinPrincipal(userId, username, displayName, role, organization, organizationPath, locale, null,
                enabled, apiKeyId, false, newEpoch);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }
}
