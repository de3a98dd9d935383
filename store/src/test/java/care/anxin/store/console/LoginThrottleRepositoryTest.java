package care.anxin.store.console;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.store.console.LoginThrottleRepository.Limit;
import care.anxin.store.console.LoginThrottleRepository.Policy;
import care.anxin.store.test.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Login throttling in the database: atomic under parallel attempts, per account and per address, progressive, never permanent. */
class LoginThrottleRepositoryTest {

    private final DataSource ds = TestDatabase.newMigratedDataSource();
    private final LoginThrottleRepository throttle = new LoginThrottleRepository(new NamedParameterJdbcTemplate(ds));
    private final TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    private final JdbcTemplate jdbc = new JdbcTemplate(ds);
    private final Policy policy = new Policy(Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(1));

    private Optional<Instant> attempt(String user, String address) {
        return tx.execute(s -> throttle.reserve(List.of(new Limit("account:" + user, 5), new Limit("address:" + address, 8)),
                policy));
    }

    @Test
    void parallelAttemptsNeverGetPastTheThreshold() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String address = "10.0.0." + i; // 20 addresses: only the account limit applies
            attempts.add(() -> attempt("mei", address).isEmpty());
        }
        int granted = 0;
        try {
            for (Future<Boolean> f : pool.invokeAll(attempts)) {
                granted += f.get() ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(granted).isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT failures FROM login_throttle WHERE subject = 'account:mei'", Integer.class))
                .isEqualTo(5);
    }

    @Test
    void oneAddressGuessingManyAccountsIsLockedToo() {
        for (int i = 0; i < 8; i++) {
            assertThat(attempt("user" + i, "203.0.113.9")).isEmpty();
        }
        assertThat(attempt("another", "203.0.113.9")).as("the address is locked").isPresent();
        assertThat(attempt("another", "203.0.113.10")).as("other addresses are not").isEmpty();
    }

    @Test
    void locksGrowWithFurtherFailuresButNeverPastTheMaximumAndSuccessGivesBack() {
        for (int i = 0; i < 5; i++) {
            attempt("lin", "198.51.100." + i);
        }
        Instant first = attempt("lin", "198.51.100.99").orElseThrow();
        assertThat(Duration.between(Instant.now(), first)).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(31));
        // The lock ran out: the next failure locks twice as long, and so on up to the maximum.
        jdbc.update("UPDATE login_throttle SET locked_until = now() - interval '1 second' WHERE subject = 'account:lin'");
        assertThat(attempt("lin", "198.51.100.99")).isEmpty();
        Instant second = attempt("lin", "198.51.100.99").orElseThrow();
        assertThat(Duration.between(Instant.now(), second)).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(61));
        for (int i = 0; i < 12; i++) {
            jdbc.update("UPDATE login_throttle SET locked_until = now() - interval '1 second' WHERE subject = 'account:lin'");
            attempt("lin", "198.51.100.99");
        }
        Instant longest = attempt("lin", "198.51.100.99").orElseThrow();
        assertThat(Duration.between(Instant.now(), longest)).isLessThanOrEqualTo(Duration.ofMinutes(15));

        assertThat(throttle.clear("account:lin")).isTrue();
        assertThat(attempt("lin", "192.0.2.1")).as("an admin lifted the lock").isEmpty();
        tx.executeWithoutResult(s -> throttle.succeeded("account:lin", new Limit("address:192.0.2.1", 8)));
        assertThat(throttle.state("account:lin")).isEmpty();
        assertThat(throttle.state("address:192.0.2.1").orElseThrow().failures()).isZero();
    }
}
