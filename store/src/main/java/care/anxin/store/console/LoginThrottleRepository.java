package care.anxin.store.console;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Failed-login counters per username and remote address (table login_throttle). */
public class LoginThrottleRepository {

    private final NamedParameterJdbcTemplate jdbc;

    public LoginThrottleRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** When the pair is locked until, if it is locked now. */
    public Optional<Instant> lockedUntil(String username, String remoteAddress) {
        return jdbc.query("""
                SELECT locked_until FROM login_throttle
                WHERE username = :u AND remote_address = :a AND locked_until > now()
                """, params(username, remoteAddress), (rs, i) -> rs.getTimestamp(1).toInstant()).stream().findFirst();
    }

    /**
     * Counts one more failure and locks the pair once more than {@code freeFailures} happened in a
     * row: the lock doubles with every further failure, from {@code baseLock} up to {@code maxLock}.
     * Failures older than {@code forgetAfter} start the count again.
     *
     * @return the failure count after this one
     */
    public int recordFailure(String username, String remoteAddress, int freeFailures, Duration baseLock,
                             Duration maxLock, Duration forgetAfter) {
        MapSqlParameterSource p = params(username, remoteAddress)
                .addValue("free", freeFailures)
                .addValue("baseMs", baseLock.toMillis())
                .addValue("maxMs", maxLock.toMillis())
                .addValue("forgetMs", forgetAfter.toMillis());
        return jdbc.queryForObject("""
                INSERT INTO login_throttle AS t (username, remote_address, failures, last_failure_at, locked_until)
                VALUES (:u, :a, 1, now(), CASE WHEN 1 > :free THEN now() + :baseMs * INTERVAL '1 millisecond' END)
                ON CONFLICT (username, remote_address) DO UPDATE SET
                    failures = CASE WHEN t.last_failure_at < now() - :forgetMs * INTERVAL '1 millisecond'
                                    THEN 1 ELSE t.failures + 1 END,
                    last_failure_at = now(),
                    locked_until = CASE
                        WHEN (CASE WHEN t.last_failure_at < now() - :forgetMs * INTERVAL '1 millisecond'
                                   THEN 1 ELSE t.failures + 1 END) > :free
                        THEN now() + LEAST(:maxMs::float8, :baseMs::float8 * power(2, LEAST(30,
                                 t.failures + 1 - :free - 1))) * INTERVAL '1 millisecond'
                        END
                RETURNING failures
                """, p, Integer.class);
    }

    public void clear(String username, String remoteAddress) {
        jdbc.update("DELETE FROM login_throttle WHERE username = :u AND remote_address = :a",
                params(username, remoteAddress));
    }

    private static MapSqlParameterSource params(String username, String remoteAddress) {
        return new MapSqlParameterSource().addValue("u", username).addValue("a", remoteAddress);
    }
}
