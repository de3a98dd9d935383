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
 * @param userId   the acting user; for an API key, the admin who created it
 * @param apiKeyId set when authenticated with an API key
 */
public record AnxinPrincipal(long userId, String username, String displayName, Role role, OrganizationRef organization,
                             String organizationPath, String locale, String passwordHash, boolean enabled,
                             Long apiKeyId) implements UserDetails, Serializable {

    public static AnxinPrincipal of(UserAccount account) {
        return new AnxinPrincipal(account.id(), account.username(), account.displayName(), account.role(),
                account.organization(), account.organizationPath(), account.locale(), account.passwordHash(),
                account.enabled(), null);
    }

    public ViewerScope scope() {
        return new ViewerScope(userId, role, organizationPath);
    }

    /** The principal without its password hash, as kept in the session. */
    public AnxinPrincipal withoutPassword() {
        return new AnxinPrincipal(userId, username, displayName, role, organization, organizationPath, locale, null,
                enabled, apiKeyId);
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
