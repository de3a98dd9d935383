package care.anxin.monitoring.security;

import care.anxin.store.console.UserAccountRepository;
import care.anxin.store.console.UserAccountRepository.SessionState;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether a logged-in user's authentication still stands: the account exists, is enabled and has
 * the session epoch it had at login (a disable, reset or password change bumps it). One primary-key
 * read per request, so it takes effect at once on every instance.
 */
@Component
public class SessionValidity {

    private final UserAccountRepository users;

    public SessionValidity(UserAccountRepository users) {
        this.users = users;
    }

    public Optional<SessionState> current(AnxinPrincipal principal) {
        return users.sessionState(principal.userId())
                .filter(state -> state.enabled() && state.sessionEpoch() == principal.sessionEpoch());
    }

    public boolean stillValid(AnxinPrincipal principal) {
        return principal.apiKeyId() != null || current(principal).isPresent();
    }
}
