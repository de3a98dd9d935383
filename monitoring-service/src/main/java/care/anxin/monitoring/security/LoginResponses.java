package care.anxin.monitoring.security;

import care.anxin.monitoring.api.MeView;
import care.anxin.monitoring.audit.AuditTrail;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;

/**
 * How login, logout and refusals answer: a browser navigating (Accept: text/html) is redirected;
 * scripts and fetch() get JSON (the user on success, problem+json with 401/403/429 otherwise).
 */
@Component
public class LoginResponses {

    private final ProblemResponses problems;
    private final ObjectMapper json;
    private final AuditTrail audit;

    public LoginResponses(ProblemResponses problems, ObjectMapper json, AuditTrail audit) {
        this.problems = problems;
        this.json = json;
        this.audit = audit;
    }

    public AuthenticationSuccessHandler success() {
        return (request, response, authentication) -> {
            // Login replaced the CSRF token; write the new one now so the next POST has it.
            CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (csrf != null) {
                csrf.getToken();
            }
            audit.loginSucceeded((AnxinPrincipal) authentication.getPrincipal(), request.getRemoteAddr());
            if (ProblemResponses.wantsHtml(request)) {
                response.sendRedirect(request.getContextPath() + "/");
                return;
            }
            writeMe(response, authentication);
        };
    }

    public AuthenticationFailureHandler failure() {
        return (request, response, exception) -> {
            if (ProblemResponses.wantsHtml(request)) {
                response.sendRedirect(request.getContextPath() + "/login.html?error"
                        + (exception instanceof LoginThrottledException ? "=locked" : ""));
                return;
            }
            refuse(request, response, exception, "Wrong username or password");
        };
    }

    public LogoutSuccessHandler logout() {
        return (request, response, authentication) -> {
            if (ProblemResponses.wantsHtml(request)) {
                response.sendRedirect(request.getContextPath() + "/login.html?logout");
            } else {
                response.setStatus(HttpStatus.NO_CONTENT.value());
            }
        };
    }

    /** Unauthenticated calls to the API (and failed HTTP Basic). No Basic challenge: browsers would pop up a dialog. */
    public AuthenticationEntryPoint apiEntryPoint() {
        return (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"anxin\"");
            refuse(request, response, exception, "Authentication required");
        };
    }

    public AccessDeniedHandler accessDenied() {
        return (request, response, exception) -> problems.write(request, response, HttpStatus.FORBIDDEN,
                exception.getClass().getSimpleName().contains("Csrf")
                        ? "Missing or invalid CSRF token (send the XSRF-TOKEN cookie value in X-XSRF-TOKEN)"
                        : "Not allowed for your role");
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception,
                        String detail) throws IOException {
        if (exception instanceof LoginThrottledException locked) {
            long seconds = Math.max(1, Duration.between(Instant.now(), locked.lockedUntil()).toSeconds() + 1);
            response.setHeader("Retry-After", Long.toString(seconds));
            problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
                    "Too many failed logins; try again in " + seconds + " s");
            return;
        }
        problems.write(request, response, HttpStatus.UNAUTHORIZED, detail);
    }

    private void writeMe(HttpServletResponse response, Authentication authentication) throws IOException {
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), MeView.of((AnxinPrincipal) authentication.getPrincipal()));
    }
}
