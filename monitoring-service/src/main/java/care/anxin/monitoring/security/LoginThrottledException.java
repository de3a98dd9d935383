package care.anxin.monitoring.security;

import java.time.Instant;
import org.springframework.security.core.AuthenticationException;

/** Too many failed logins for this username from this address: refused without checking the password. */
public class LoginThrottledException extends AuthenticationException {

    private final transient Instant lockedUntil;

    public LoginThrottledException(Instant lockedUntil) {
        super("Too many failed logins; try again later");
        this.lockedUntil = lockedUntil;
    }

    public Instant lockedUntil() {
        return lockedUntil;
    }
}
