package care.anxin.store.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.store.schema.DatabaseMode;
import care.anxin.store.test.TestDatabase;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class AdvisoryLockTest {

    private final DataSource ds = TestDatabase.newMigratedDataSource();

    @Test
    void aSecondInstanceSkipsWhileTheLockIsHeldAndRunsOnceItIsFree() throws Exception {
        StoreMaintenance other = new StoreMaintenance(ds, DatabaseMode.PLAIN, RollupRefresherTest.noLag());
        try (Connection holder = ds.getConnection()) {
            assertThat(AdvisoryLock.ROLLUPS.tryAcquire(holder)).isTrue();
            assertThat(other.refreshRollups()).isEmpty();
            assertThat(AdvisoryLock.PARTITIONS.tryAcquire(holder)).isTrue();
            assertThat(other.maintainPartitions()).isEmpty();
            AdvisoryLock.ROLLUPS.release(holder);
            AdvisoryLock.PARTITIONS.release(holder);
        }
        assertThat(other.refreshRollups()).isPresent();
        assertThat(other.maintainPartitions()).isPresent();
    }

    @Test
    void startupWaitsForTheInstanceThatIsCreatingPartitions() throws Exception {
        StoreMaintenance starting = new StoreMaintenance(ds, DatabaseMode.PLAIN, RollupRefresherTest.noLag());
        CountDownLatch locked = new CountDownLatch(1);
        try (Connection holder = ds.getConnection()) {
            AdvisoryLock.PARTITIONS.tryAcquire(holder);
            CompletableFuture<Void> startup = CompletableFuture.runAsync(() -> {
                locked.countDown();
                starting.afterPropertiesSet();
            });
            locked.await();
            Thread.sleep(300);
            assertThat(startup).as("blocked behind the holder").isNotDone();
            AdvisoryLock.PARTITIONS.release(holder);
            startup.get(30, TimeUnit.SECONDS);
        }
        assertThat(new org.springframework.jdbc.core.JdbcTemplate(ds)
                .queryForObject("SELECT count(*) FROM pg_inherits WHERE inhparent = 'vital_sample'::regclass", Long.class))
                .isGreaterThan(16);
    }
}
