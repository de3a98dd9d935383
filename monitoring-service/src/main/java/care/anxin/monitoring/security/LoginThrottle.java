package care.anxin.monitoring.security;

import care.anxin.monitoring.config.MonitoringProperties;
import care.anxin.store.console.LoginThrottleRepository;
import care.anxin.store.console.LoginThrottleRepository.Limit;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Password guesses per account (from any address) and per address (for any account), reserved
 * atomically in the database before a password is checked (LoginThrottleRepository): parallel
 * guesses cannot get past the threshold, and every instance of the service sees the same counts.
 */
@Component
public class LoginThrottle {

    private final LoginThrottleRepository repository;
    private final TransactionTemplate tx;
    private final MonitoringProperties.Login settings;
    private final LoginThrottleRepository.Policy policy;

    public LoginThrottle(LoginThrottleRepository repository, TransactionTemplate tx, MonitoringProperties properties) {
        this.repository = repository;
        this.tx = tx;
        this.settings = properties.login();
        this.policy = new LoginThrottleRepository.Policy(settings.baseLock(), settings.maxLock(), settings.forgetAfter());
    }

    /** Empty when the password may be checked; otherwise when the lock ends. */
    public Optional<Instant> reserve(String username, String address) {
        return tx.execute(status -> repository.reserve(List.of(
                new Limit(LoginThrottleRepository.account(username), settings.accountFreeFailures()),
                new Limit(LoginThrottleRepository.address(address), settings.addressFreeFailures())), policy));
    }

    /** The password was right. */
    public void succeeded(String username, String address) {
        tx.executeWithoutResult(status -> repository.succeeded(LoginThrottleRepository.account(username),
                new Limit(LoginThrottleRepository.address(address), settings.addressFreeFailures())));
    }

    /** When the account is locked until, if it is now. */
    public Optional<Instant> accountLockedUntil(String username) {
        return repository.state(LoginThrottleRepository.account(username))
                .map(LoginThrottleRepository.State::lockedUntil).filter(until -> until.isAfter(Instant.now()));
    }

    /** An admin lifts the account's lock (joins the caller's transaction). */
    public boolean clearAccount(String username) {
        return repository.clear(LoginThrottleRepository.account(username));
    }
}
