package care.anxin.monitoring.account;

import care.anxin.monitoring.api.BadRequestException;
import care.anxin.monitoring.api.NotFoundException;
import care.anxin.monitoring.audit.AuditTrail;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.monitoring.security.LoginThrottle;
import care.anxin.monitoring.security.LoginThrottledException;
import care.anxin.store.console.UserAccount;
import care.anxin.store.console.UserAccountRepository;
import care.anxin.store.console.UserSummary;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Password changes, and what admins do to accounts below their organization: disable (ends the
 * user's sessions and revokes the API keys they created, at once), enable, reset (a one-time
 * temporary password that must be changed at the next login) and lifting a login lock. Each change
 * and its audit row commit together.
 */
@Service
public class AccountService {

    /** What an admin reset hands over, once. */
    public record TemporaryPassword(long userId, String username, String temporaryPassword) {
    }

    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    private final UserAccountRepository users;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;
    private final LoginThrottle throttle;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final SecureRandom random = new SecureRandom();

    public AccountService(UserAccountRepository users, PasswordEncoder encoder, PasswordPolicy policy,
                          LoginThrottle throttle, AuditTrail audit, TransactionTemplate tx) {
        this.tx = tx;
        this.users = users;
        this.encoder = encoder;
        this.policy = policy;
        this.throttle = throttle;
        this.audit = audit;
    }

    /**
     * The caller changes their own password (the current one is checked through the login throttle,
     * so a borrowed session cannot be used to guess it).
     *
     * @return the new session epoch (the caller's session continues with it, all others end)
     */
    public int changeOwnPassword(AnxinPrincipal me, String address, String current, String next) {
        if (me.apiKeyId() != null) {
            throw new BadRequestException(null, "An API key has no password");
        }
        Optional<Instant> locked = throttle.reserve(me.username(), address);
        if (locked.isPresent()) {
            throw new LoginThrottledException(locked.get());
        }
        UserAccount account = users.findById(me.userId()).orElseThrow(() -> new NotFoundException("User", me.userId()));
        if (current == null || !encoder.matches(current, account.passwordHash())) {
            audit.record(me, "PASSWORD_CHANGE_FAILED", "app_user", me.userId(), Map.of("reason", "wrong current password"));
            throw new BadRequestException("currentPassword", "Current password is wrong");
        }
        throttle.succeeded(me.username(), address);
        policy.refusal(account.username(), next).ifPresent(reason -> {
            throw new BadRequestException("newPassword", reason);
        });
        if (encoder.matches(next, account.passwordHash())) {
            throw new BadRequestException("newPassword", "New password must differ from the current one");
        }
        return store(me, account, next);
    }

    private int store(AnxinPrincipal me, UserAccount account, String next) {
        String hash = encoder.encode(next);
        tx.executeWithoutResult(status -> {
            users.changePassword(account.id(), hash, false);
            audit.record(me, "PASSWORD_CHANGE", "app_user", account.id(), Map.of());
        });
        return account.sessionEpoch() + 1;
    }

    @Transactional
    public void disable(AnxinPrincipal me, long userId) {
        UserSummary user = visible(me, userId);
        if (user.id() == me.userId()) {
            throw new BadRequestException(null, "You cannot disable yourself");
        }
        users.setEnabled(userId, false);
        audit.record(me, "USER_DISABLE", "app_user", userId, Map.of("username", user.username()));
    }

    @Transactional
    public void enable(AnxinPrincipal me, long userId) {
        UserSummary user = visible(me, userId);
        users.setEnabled(userId, true);
        audit.record(me, "USER_ENABLE", "app_user", userId, Map.of("username", user.username()));
    }

    @Transactional
    public TemporaryPassword resetPassword(AnxinPrincipal me, long userId) {
        UserSummary user = visible(me, userId);
        String temporary = temporaryPassword();
        users.changePassword(userId, encoder.encode(temporary), true);
        throttle.clearAccount(user.username());
        audit.record(me, "USER_PASSWORD_RESET", "app_user", userId, Map.of("username", user.username()));
        return new TemporaryPassword(userId, user.username(), temporary);
    }

    @Transactional
    public boolean clearLoginLock(AnxinPrincipal me, long userId) {
        UserSummary user = visible(me, userId);
        boolean cleared = throttle.clearAccount(user.username());
        audit.record(me, "USER_LOGIN_LOCK_CLEAR", "app_user", userId, Map.of("username", user.username()));
        return cleared;
    }

    /** Four groups of four unambiguous characters: 80 random bits, easy to read out over the phone. */
    public String temporaryPassword() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                out.append('-');
            }
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    private UserSummary visible(AnxinPrincipal me, long userId) {
        return users.findVisible(me.scope(), userId).orElseThrow(() -> new NotFoundException("User", userId));
    }
}
