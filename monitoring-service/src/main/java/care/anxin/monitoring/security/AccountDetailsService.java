package care.anxin.monitoring.security;

import care.anxin.store.console.UserAccountRepository;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads console users from app_user for form login and HTTP Basic. */
@Service
public class AccountDetailsService implements UserDetailsService {

    private final UserAccountRepository users;

    public AccountDetailsService(UserAccountRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return users.findByUsername(username).map(AnxinPrincipal::of)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
