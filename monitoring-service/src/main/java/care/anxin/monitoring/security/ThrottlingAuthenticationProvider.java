package care.anxin.monitoring.security;

import care.anxin.monitoring.config.MonitoringProperties;
import care.anxin.store.console.LoginThrottleRepository;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Username/password authentication (form login and HTTP Basic) with throttling per username and
 * remote address: a locked pair is refused before the password is even checked. Successful Basic
 * checks are remembered briefly (keyed by a hash of the credentials) so scripts calling the API in
 * a loop do not pay a bcrypt round per request.
 */
public class ThrottlingAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ThrottlingAuthenticationProvider.class);

    private final DaoAuthenticationProvider delegate;
    private final LoginThrottleRepository throttle;
    private final MonitoringProperties.Login settings;
    private final Cache<String, Authentication> recent;
    private final Counter failures;
    private final Counter locked;

    public ThrottlingAuthenticationProvider(DaoAuthenticationProvider delegate, LoginThrottleRepository throttle,
                                            MonitoringProperties.Login settings, MeterRegistry meters) {
        this.delegate = delegate;
        this.throttle = throttle;
        this.settings = settings;
        this.recent = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(settings.basicCacheTtl()).build();
        this.failures = Counter.builder("anxin.login.failures").description("failed logins").register(meters);
        this.locked = Counter.builder("anxin.login.throttled").description("logins refused while locked").register(meters);
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String address = remoteAddress(authentication);
        String cacheKey = cacheKey(username, String.valueOf(authentication.getCredentials()));
        var lockedUntil = throttle.lockedUntil(username, address);
        if (lockedUntil.isPresent()) {
            locked.increment();
            throw new LoginThrottledException(lockedUntil.get());
        }
        Authentication cached = recent.getIfPresent(cacheKey);
        if (cached != null) {
            return cached;
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            throttle.clear(username, address);
            AnxinPrincipal principal = ((AnxinPrincipal) result.getPrincipal()).withoutPassword();
            Authentication clean = UsernamePasswordAuthenticationToken.authenticated(principal, null,
                    principal.getAuthorities());
            ((UsernamePasswordAuthenticationToken) clean).setDetails(authentication.getDetails());
            recent.put(cacheKey, clean);
            return clean;
        } catch (BadCredentialsException e) {
            failures.increment();
            int count = throttle.recordFailure(username, address, settings.freeFailures(), settings.baseLock(),
                    settings.maxLock(), settings.forgetAfter());
            log.warn("Failed login for '{}' from {} ({} in a row)", username, address, count);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String remoteAddress(Authentication authentication) {
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
