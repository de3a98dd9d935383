package care.anxin.store.console;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Failed-login counters per subject ({@code account:<username>} across addresses and
 * {@code address:<ip>} across accounts, table login_throttle). An attempt is reserved before the
 * password is checked: the subjects' rows are locked, refused while a lock lasts, otherwise counted
 * as a failure at once (a success gives the count back). Parallel guesses therefore queue on the
 * row lock and can never check more passwords than the threshold allows. Must run in a transaction.
 */
public class LoginThrottleRepository {

    /** A subject and how many failures in a row it may have before it is locked. */
    public record Limit(String subject, int freeFailures) {
    }

    /** How locks grow: {@code baseLock} doubling per failure up to {@code maxLock}; failures older than {@code forgetAfter} are forgotten. */
    public record Policy(Duration baseLock, Duration maxLock, Duration forgetAfter) {
    }

    /** A subject's state, for the admin pages. */
    public record State(String subject, int failures, Instant lastFailureAt, Instant lockedUntil) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public LoginThrottleRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static String account(String username) {
        return "account:" + username;
    }

    public static String address(String remoteAddress) {
        return "address:" + remoteAddress;
    }

    /**
     * Reserves one attempt for all subjects at once.
     *
     * @return empty when the password may be checked (the attempt already counts as a failure),
     *         otherwise when the longest current lock ends
     */
    public Optional<Instant> reserve(List<Limit> limits, Policy policy) {
        List<Limit> ordered = limits.stream().sorted(Comparator.comparing(Limit::subject)).toList();
        for (Limit limit : ordered) { // same order everywhere: no deadlock between parallel attempts
            jdbc.update("INSERT INTO login_throttle (subject) VALUES (:s) ON CONFLICT (subject) DO NOTHING",
                    new MapSqlParameterSource("s", limit.subject()));
        }
        MapSqlParameterSource p = new MapSqlParameterSource("subjects", ordered.stream().map(Limit::subject).toList())
                .addValue("forgetMs", policy.forgetAfter().toMillis());
        List<State> states = jdbc.query("""
                SELECT subject,
                       CASE WHEN last_failure_at < now() - :forgetMs * INTERVAL '1 millisecond' THEN 0 ELSE failures END
                           AS failures,
                       last_failure_at, locked_until, now() AS now
                FROM login_throttle WHERE subject IN (:subjects) ORDER BY subject FOR UPDATE""", p,
                (rs, i) -> new State(rs.getString("subject"), rs.getInt("failures"),
                        rs.getTimestamp("now").toInstant(), Timestamps.instant(rs, "locked_until")));
        if (states.isEmpty()) {
            return Optional.empty();
        }
        Instant now = states.get(0).lastFailureAt();
        Optional<Instant> locked = states.stream().map(State::lockedUntil)
                .filter(until -> until != null && until.isAfter(now)).max(Comparator.naturalOrder());
        if (locked.isPresent()) {
            return locked;
        }
        for (State state : states) {
            int free = ordered.stream().filter(l -> l.subject().equals(state.subject())).findFirst()
                    .map(Limit::freeFailures).orElse(Integer.MAX_VALUE);
            int failures = state.failures() + 1;
            Instant until = failures >= free ? now.plus(lockFor(failures - free, policy)) : null;
            jdbc.update("UPDATE login_throttle SET failures = :f, last_failure_at = now(), locked_until = :until"
                    + " WHERE subject = :s", new MapSqlParameterSource("f", failures).addValue("s", state.subject())
                    .addValue("until", until == null ? null : Timestamp.from(until)));
        }
        return Optional.empty();
    }

    /** The password was right: the account starts afresh, the address gets its reserved failure back. */
    public void succeeded(String accountSubject, Limit address) {
        jdbc.update("DELETE FROM login_throttle WHERE subject = :s", new MapSqlParameterSource("s", accountSubject));
        jdbc.update("""
                UPDATE login_throttle SET failures = GREATEST(failures - 1, 0),
                    locked_until = CASE WHEN failures - 1 >= :free THEN locked_until END
                WHERE subject = :s""", new MapSqlParameterSource("s", address.subject())
                .addValue("free", address.freeFailures()));
    }

    public Optional<State> state(String subject) {
        return jdbc.query("SELECT subject, failures, last_failure_at, locked_until FROM login_throttle WHERE subject = :s",
                new MapSqlParameterSource("s", subject), (rs, i) -> new State(rs.getString("subject"),
                        rs.getInt("failures"), Timestamps.instant(rs, "last_failure_at"),
                        Timestamps.instant(rs, "locked_until"))).stream().findFirst();
    }

    /** An admin lifts a lock; true when there was a counter. */
    public boolean clear(String subject) {
        return jdbc.update("DELETE FROM login_throttle WHERE subject = :s", new MapSqlParameterSource("s", subject)) > 0;
    }

    private static Duration lockFor(int beyondThreshold, Policy policy) {
        long factor = 1L << Math.min(20, Math.max(0, beyondThreshold));
        Duration lock = policy.baseLock().multipliedBy(factor);
        return lock.compareTo(policy.maxLock()) > 0 ? policy.maxLock() : lock;
    }
}
