package care.anxin.monitoring.security;

import care.anxin.store.console.ApiKeyRepository;
import care.anxin.store.console.ApiKeyRepository.ApiKeyIdentity;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <api key>}: authenticates the request (never a session) as the
 * key's role below the key's organization. A wrong key is answered 401 at once.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final ApiKeyRepository keys;
    private final ProblemResponses problems;

    public ApiKeyAuthenticationFilter(ApiKeyRepository keys, ProblemResponses problems) {
        this.keys = keys;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        String key = header.substring(7).trim();
        Optional<ApiKeyIdentity> identity = key.startsWith(SecretTokens.API_KEY_PREFIX)
                ? keys.findActive(SecretTokens.sha256(key)) : Optional.empty();
        if (identity.isEmpty()) {
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "Unknown or revoked API key");
            return;
        }
        ApiKeyIdentity k = identity.get();
        AnxinPrincipal principal = new AnxinPrincipal(k.createdBy(), "apikey:" + k.name(), k.name(), k.role(),
                k.organization(), k.organizationPath(), "zh-CN", null, true, k.id(), false, 0);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                principal.getAuthorities()));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
