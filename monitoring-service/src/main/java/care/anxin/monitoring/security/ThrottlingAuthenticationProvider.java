package care.anxin.monitoring.security;

import care.anxin.monitoring.audit.AuditTrail;
import care.anxin.monitoring.config.MonitoringProperties;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Username/password authentication (form login and HTTP Basic) behind the {@link LoginThrottle}:
 * an attempt is reserved (counted as a failure) before the password is checked and given back on
 * success, so a locked account or address is refused without a password check. Successful Basic
 * checks are remembered briefly (keyed by a hash of the credentials) so scripts calling the API in
 * a loop do not pay a bcrypt round per request; the session guard still checks every request.
 * Failed attempts are audited here; successful console logins by the success handler.
 */
public class ThrottlingAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ThrottlingAuthenticationProvider.class);

    private final DaoAuthenticationProvider delegate;
    private final LoginThrottle throttle;
    private final AuditTrail audit;
    private final SessionValidity sessions;
    private final Cache<String, Authentication> recent;
    private final Counter failures;
    private final Counter locked;

    public ThrottlingAuthenticationProvider(DaoAuthenticationProvider delegate, LoginThrottle throttle, AuditTrail audit,
                                            SessionValidity sessions, MonitoringProperties.Login settings,
                                            MeterRegistry meters) {
        this.sessions = sessions;
        this.delegate = delegate;
        this.throttle = throttle;
        this.audit = audit;
        this.recent = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(settings.basicCacheTtl()).build();
        this.failures = Counter.builder("anxin.login.failures").description("failed logins").register(meters);
        this.locked = Counter.builder("anxin.login.throttled").description("logins refused while locked").register(meters);
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String address = remoteAddress(authentication);
        String cacheKey = cacheKey(username, String.valueOf(authentication.getCredentials()));
        Authentication cached = recent.getIfPresent(cacheKey);
        if (cached != null) {
            // Only right passwords are cached, so a guess never gets here; a password changed or an
            // account disabled since then (new session epoch) drops the entry.
            if (sessions.stillValid((AnxinPrincipal) cached.getPrincipal())) {
                return cached;
            }
            recent.invalidate(cacheKey);
        }
        Optional<Instant> lockedUntil = throttle.reserve(username, address);
        if (lockedUntil.isPresent()) {
            locked.increment();
            audit.loginFailed(username, address, "locked");
            throw new LoginThrottledException(lockedUntil.get());
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            throttle.succeeded(username, address);
            AnxinPrincipal principal = ((AnxinPrincipal) result.getPrincipal()).withoutPassword();
            UsernamePasswordAuthenticationToken clean = UsernamePasswordAuthenticationToken.authenticated(principal,
                    null, principal.getAuthorities());
            clean.setDetails(authentication.getDetails());
            recent.put(cacheKey, clean);
            return clean;
        } catch (BadCredentialsException | AccountStatusException e) {
            failures.increment();
            audit.loginFailed(username, address, e instanceof AccountStatusException ? "disabled" : "bad credentials");
            log.warn("Failed login for '{}' from {}: {}", username, address, e.getMessage());
            throw e instanceof AccountStatusException ? new BadCredentialsException("Bad credentials") : e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    static String remoteAddress(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null ? details.getRemoteAddress() : "unknown";
    }

    private static String cacheKey(String username, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((username + '\0' + password).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
