package care.anxin.monitoring.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * People outside the care organization (family members, responders) read what their scope shows
 * them, but never act on incidents, command devices, watch the whole board, the map, performance
 * or the user list: those endpoints answer them 404, like anything outside their scope. Their row
 * scoping stays in ViewerScope; this is the role check.
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

    /** Answers 404 (as scoping does elsewhere) when a family member or responder calls a staff endpoint. */
    static OncePerRequestFilter filter(ProblemResponses problems) {
        RequestMatcher staff = staffEndpoints();
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Authentication a = SecurityContextHolder.getContext().getAuthentication();
                if (a != null && staff.matches(request)
                        && a.getAuthorities().stream().anyMatch(g -> OUTSIDERS.contains(g.getAuthority()))) {
                    problems.write(request, response, HttpStatus.NOT_FOUND, "Not found");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }
}
