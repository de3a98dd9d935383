package care.anxin.monitoring.api;

import care.anxin.monitoring.security.AnxinPrincipal;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/v1/session: whether anyone is logged in. Public and always 200, because "nobody yet" is
 * the expected answer on the login page, not an error (GET /api/v1/me answers 401 for that).
 */
@RestController
public class SessionController {

    /** {@code {"authenticated":false}} or {@code {"authenticated":true,"user":{…as /api/v1/me…}}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SessionView(boolean authenticated, MeView user) {
    }

    @GetMapping("/api/v1/session")
    public SessionView session(@AuthenticationPrincipal AnxinPrincipal me) {
        return me == null ? new SessionView(false, null) : new SessionView(true, MeView.of(me));
    }
}
