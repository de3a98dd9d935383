package care.anxin.monitoring.security;

import care.anxin.store.console.UserAccountRepository.SessionState;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs after authentication on every request of a user (session or HTTP Basic; API keys are
 * checked by their own filter): ends the session when it outlived the absolute timeout or the
 * account was disabled, reset or changed its password since the login (401), and while the
 * password is temporary allows nothing but reading /api/v1/me (or /api/v1/session), changing the
 * password and logging out (403).
 */
public class SessionGuardFilter extends OncePerRequestFilter {

    private final SessionValidity validity;
    private final Duration absoluteTimeout;
    private final ProblemResponses problems;

    public SessionGuardFilter(SessionValidity validity, Duration absoluteTimeout, ProblemResponses problems) {
        this.validity = validity;
        this.absoluteTimeout = absoluteTimeout;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof AnxinPrincipal principal) || principal.apiKeyId() != null) {
            chain.doFilter(request, response);
            return;
        }
        HttpSession session = request.getSession(false);
        if (session != null && System.currentTimeMillis() - session.getCreationTime() > absoluteTimeout.toMillis()) {
            end(request, response, "Session expired; log in again");
            return;
        }
        Optional<SessionState> state = validity.current(principal);
        if (state.isEmpty()) {
            end(request, response, "Session ended (account disabled or password changed); log in again");
            return;
        }
        if (state.get().mustChangePassword() && !allowedWithTemporaryPassword(request)) {
            problems.write(request, response, HttpStatus.FORBIDDEN,
                    "Password change required: POST /api/v1/me/password with your temporary password");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean allowedWithTemporaryPassword(HttpServletRequest request) {
        String path = request.getServletPath();
        if (!path.startsWith("/api/") && !path.startsWith("/actuator/")) {
            return true; // the console's static pages carry no data
        }
        // The catalogue is public vocabulary the console shell loads before it can show the password form.
        return path.equals("/api/v1/me") || path.equals("/api/v1/session") || path.equals("/api/v1/me/password")
                || path.equals("/api/v1/catalogue");
    }

    private void end(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        problems.write(request, response, HttpStatus.UNAUTHORIZED, detail);
    }
}
