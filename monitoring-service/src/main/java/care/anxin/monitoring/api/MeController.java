package care.anxin.monitoring.api;

import care.anxin.monitoring.account.AccountService;
import care.anxin.monitoring.security.AnxinPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller: who they are, and changing their own password. */
@RestController
public class MeController {

    /** POST /api/v1/me/password. */
    public record PasswordChange(@NotBlank @Size(max = 200) String currentPassword,
                                 @NotBlank @Size(max = 200) String newPassword) {
    }

    private final AccountService accounts;
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    public MeController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/api/v1/me")
    public MeView me(@AuthenticationPrincipal AnxinPrincipal me) {
        return MeView.of(me);
    }

    /**
     * Checks the current password, applies the strength policy, stores the new one. Every other
     * session of the user ends; this one continues under a new session id.
     */
    @PostMapping("/api/v1/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void changePassword(@AuthenticationPrincipal AnxinPrincipal me, @Valid @RequestBody PasswordChange body,
                               HttpServletRequest request, HttpServletResponse response) {
        int epoch = accounts.changeOwnPassword(me, request.getRemoteAddr(), body.currentPassword(), body.newPassword());
        if (request.getSession(false) != null) {
            request.changeSessionId();
            AnxinPrincipal updated = me.withNewPassword(epoch);
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(updated, null,
                    updated.getAuthorities()));
            SecurityContextHolder.setContext(context);
            sessions.saveContext(context, request, response);
        }
    }
}
