package care.anxin.store.maintenance;

import care.anxin.store.schema.DatabaseMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The store housekeeping every service runs: on plain PostgreSQL partitions ahead and behind
 * with retention (de-duplication keys included) and incremental rollups; TimescaleDB's policies
 * do all of that there. Partitions for [now - partitionsBehind, now + partitionsAhead] are created while the
 * application context starts, before any service writes; the periodic tasks run on one daemon
 * thread. Each task takes a PostgreSQL advisory lock, so with several services or instances
 * exactly one does the work and the others skip that round.
 */
public class StoreMaintenance implements InitializingBean, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StoreMaintenance.class);
    /** How long a starting service waits for another one that is creating the same partitions. */
    private static final Duration STARTUP_LOCK_WAIT = Duration.ofMinutes(2);

    private final DataSource dataSource;
    private final DatabaseMode mode;
    private final MaintenanceProperties properties;
    private final Clock clock;
    private final PartitionManager partitions = new PartitionManager(PartitionManager.WEEKLY);
    private final RollupRefresher rollups = new RollupRefresher();
    private ScheduledExecutorService scheduler;

    public StoreMaintenance(DataSource dataSource, DatabaseMode mode, MaintenanceProperties properties, Clock clock) {
        this.dataSource = dataSource;
        this.mode = mode;
        this.properties = properties;
        this.clock = clock;
    }

    public StoreMaintenance(DataSource dataSource, DatabaseMode mode, MaintenanceProperties properties) {
        this(dataSource, mode, properties, Clock.systemUTC());
    }

    /** Partitions and rollups: TimescaleDB's policies do these in TIMESCALE mode. */
    private boolean plain() {
        return properties.enabled() && mode == DatabaseMode.PLAIN;
    }

    /** Creates the partitions before the services start writing (waits for another instance doing it). */
    @Override
    public void afterPropertiesSet() {
        if (!plain()) {
            return;
        }
        List<PartitionManager.Report> reports = withLock(AdvisoryLock.PARTITIONS, STARTUP_LOCK_WAIT, this::doPartitions)
                .orElseThrow(() -> new IllegalStateException("Timed out waiting for another instance's partition maintenance"));
        reports.forEach(r -> log.info("Partitions of {}: {} created, {} row(s) moved out of DEFAULT, {} expired dropped",
                r.table(), r.created().size(), r.rowsMovedFromDefault(), r.dropped().size()));
    }

    /**
     * Creates partitions ahead/behind (and for rows waiting in DEFAULT) and drops expired ones,
     * de-duplication keys' included. Empty when another instance holds the lock.
     */
    public Optional<List<PartitionManager.Report>> maintainPartitions() {
        return withLock(AdvisoryLock.PARTITIONS, null, this::doPartitions);
    }

    /** Brings the hourly and daily rollups up to date. Empty when another instance holds the lock (or on TimescaleDB). */
    public Optional<RollupRefresher.Run> refreshRollups() {
        if (mode != DatabaseMode.PLAIN) {
            return Optional.empty(); // continuous aggregates refresh themselves
        }
        return withLock(AdvisoryLock.ROLLUPS, null, (jdbc, tx) -> schemaPresent(jdbc)
                ? tx.execute(status -> rollups.refresh(jdbc, properties.rollupSafetyLag())) : null);
    }

    /** A process whose database was not migrated (Flyway switched off) has nothing to maintain. */
    private static boolean schemaPresent(JdbcTemplate jdbc) {
        boolean present = Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT to_regclass('vital_sample') IS NOT NULL AND to_regclass('rollup_state') IS NOT NULL", Boolean.class));
        if (!present) {
            log.warn("Store maintenance skipped: the Anxin schema is not in this database (migrations not run?)");
        }
        return present;
    }

    private List<PartitionManager.Report> doPartitions(JdbcTemplate jdbc, TransactionTemplate tx) {
        if (!schemaPresent(jdbc)) {
            return List.of();
        }
        Instant now = clock.instant();
        prune(jdbc, "rejected_message", now, properties.rejectedMessageRetention());
        prune(jdbc, "audit_log", now, properties.auditLogRetention());
        prune(jdbc, "radio_fix", now, properties.locationRetention()); // position reports without coordinates
        if (mode != DatabaseMode.PLAIN) {
            return List.of(); // TimescaleDB's retention policies drop old chunks, message_dedup's included
        }
        Instant from = now.minus(properties.partitionsBehind());
        Instant to = now.plus(properties.partitionsAhead());
        List<PartitionManager.Report> reports = List.of(
                partitions.maintain(jdbc, tx, "vital_sample", from, to, now, properties.observationRetention()),
                partitions.maintain(jdbc, tx, "location", from, to, now, properties.locationRetention()),
                // Keys are partitioned by the message's ts: old weeks are dropped, never deleted row by row.
                partitions.maintain(jdbc, tx, "message_dedup", from, to, now, properties.ingestedMessageRetention()));
        // Hourly rollups live as long as raw observations (daily ones are kept), as on TimescaleDB.
        int hourly = jdbc.update("DELETE FROM observation_hourly WHERE bucket < ?",
                java.sql.Timestamp.from(now.minus(properties.observationRetention())));
        if (hourly > 0) {
            log.info("Dropped {} hourly rollup row(s) older than {}", hourly, properties.observationRetention());
        }
        return reports;
    }

    /** Retention by age for the append-only tables, in batches so no statement holds locks for long. */
    private static final Map<String, String> TIME_COLUMNS = Map.of(
            "rejected_message", "received_at", "audit_log", "at", "radio_fix", "time");

    private static void prune(JdbcTemplate jdbc, String table, Instant now, Duration retention) {
        Instant cutoff = now.minus(retention);
        int total = 0;
        int n;
        do {
            n = jdbc.update("DELETE FROM " + table + " WHERE ctid = ANY (ARRAY(SELECT ctid FROM " + table + " WHERE "
                    + TIME_COLUMNS.get(table) + " < ? LIMIT 10000))", java.sql.Timestamp.from(cutoff));
            total += n;
        } while (n == 10000);
        if (total > 0) {
            log.info("Pruned {} row(s) of {} older than {}", total, table, retention);
        }
    }

    private interface Task<T> {
        T run(JdbcTemplate jdbc, TransactionTemplate tx);
    }

    /** Runs the task on one dedicated connection that holds the lock; wait == null means don't wait. */
    private <T> Optional<T> withLock(AdvisoryLock lock, Duration wait, Task<T> task) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            boolean held = wait == null ? lock.tryAcquire(connection) : lock.acquire(connection, wait);
            if (!held) {
                log.debug("Store maintenance {} skipped: another instance holds the lock", lock);
                return Optional.empty();
            }
            try {
                SingleConnectionDataSource single = new SingleConnectionDataSource(connection, true);
                return Optional.ofNullable(task.run(new JdbcTemplate(single),
                        new TransactionTemplate(new DataSourceTransactionManager(single))));
            } finally {
                if (!connection.isClosed()) {
                    if (!connection.getAutoCommit()) {
                        connection.rollback();
                        connection.setAutoCommit(true);
                    }
                    lock.release(connection);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Store maintenance " + lock + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void start() {
        if (!properties.enabled() || scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "anxin-store-maintenance");
            t.setDaemon(true);
            return t;
        });
        if (!plain()) {
            log.info("Store maintenance idle: TimescaleDB policies refresh aggregates and drop old chunks");
            return;
        }
        scheduler.scheduleWithFixedDelay(() -> guarded("rollups", () -> refreshRollups().ifPresent(run ->
                        log.debug("Rollups refreshed to {}: {} hourly, {} daily row(s) in {} ms",
                                run.to(), run.hourlyRows(), run.dailyRows(), run.took().toMillis()))),
                1, properties.rollupInterval().toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> guarded("partitions", this::maintainPartitions),
                properties.partitionInterval().toMillis(), properties.partitionInterval().toMillis(), TimeUnit.MILLISECONDS);
        log.info("Store maintenance scheduled: rollups every {}, partitions and retention every {}",
                properties.rollupInterval(), properties.partitionInterval());
    }

    /** A failed round is logged and retried on the next tick; it never kills the schedule. */
    private static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("Store maintenance ({}) failed, retrying on the next run: {}", what, e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
