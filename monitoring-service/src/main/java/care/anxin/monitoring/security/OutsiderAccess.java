package care.anxin.monitoring.security;

import java.util.Set;
import java.util.function.Supplier;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * People outside the care organization (family members, responders) read what their scope shows
 * them, but never act on incidents, command devices, watch the whole board, the map, performance
 * or the user list. Their row scoping (404 elsewhere) stays in ViewerScope; this is the role check.
 */
final class OutsiderAccess {

    private static final Set<String> OUTSIDERS = Set.of("ROLE_FAMILY", "ROLE_RESPONDER");

    private OutsiderAccess() {
    }

    /** Endpoints only staff (and partners with API keys, as before) may use. */
    static RequestMatcher staffEndpoints() {
        return new OrRequestMatcher(
                new AntPathRequestMatcher("/api/v1/alerts/**", HttpMethod.POST.name()),
                new AntPathRequestMatcher("/api/v1/alerts", HttpMethod.POST.name()),
                new AntPathRequestMatcher("/api/v1/alerts/stream"),
                new AntPathRequestMatcher("/api/v1/alerts/*/dispatches"),
                new AntPathRequestMatcher("/api/v1/elders/*/messages"),
                new AntPathRequestMatcher("/api/v1/elders/*/locate"),
                new AntPathRequestMatcher("/api/v1/elders/*/config"),
                new AntPathRequestMatcher("/api/v1/elders/*/commands"),
                new AntPathRequestMatcher("/api/v1/map/**"),
                new AntPathRequestMatcher("/api/v1/responders"),
                new AntPathRequestMatcher("/api/v1/users/**"),
                new AntPathRequestMatcher("/api/v1/users"),
                new AntPathRequestMatcher("/api/v1/performance/**"),
                new AntPathRequestMatcher("/api/v1/performance"));
    }

    static AuthorizationManager<RequestAuthorizationContext> notOutsider() {
        return (Supplier<Authentication> authentication, RequestAuthorizationContext context) -> {
            Authentication a = authentication.get();
            boolean allowed = a != null && a.isAuthenticated() && !"anonymousUser".equals(a.getPrincipal())
                    && a.getAuthorities().stream().noneMatch(g -> OUTSIDERS.contains(g.getAuthority()));
            return new AuthorizationDecision(allowed);
        };
    }
}
