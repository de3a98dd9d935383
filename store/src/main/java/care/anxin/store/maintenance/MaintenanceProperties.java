package care.anxin.store.maintenance;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Plain-PostgreSQL housekeeping ({@code anxin.store.maintenance.*}); idle on TimescaleDB, whose
 * policies do the same work.
 *
 * @param enabled                  run the job in this process (several processes may: an advisory lock elects one per run)
 * @param rollupInterval           how often observation_hourly/daily catch up with new observations
 * @param partitionInterval        how often partitions are created ahead and old ones dropped
 * @param partitionsAhead          partitions exist at least this far into the future
 * @param partitionsBehind         partitions exist this far into the past, so backfilled history never lands in DEFAULT
 * @param observationRetention     observation partitions entirely older than this are dropped
 * @param locationRetention        location partitions entirely older than this are dropped (radio_fix rows too)
 * @param ingestedMessageRetention de-duplication keys whose message ts is older than this are dropped by partition (devices never resend that late)
 * @param rollupSafetyLag          rows received this recently are left for the next run (their transactions may still be open)
 * @param rejectedMessageRetention messages the gateway refused are kept this long (one noisy device must not fill the disk)
 * @param auditLogRetention        audit rows are kept this long
 */
@ConfigurationProperties("anxin.store.maintenance")
public record MaintenanceProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30s") Duration rollupInterval,
        @DefaultValue("1h") Duration partitionInterval,
        @DefaultValue("7d") Duration partitionsAhead,
        @DefaultValue("100d") Duration partitionsBehind,
        @DefaultValue("400d") Duration observationRetention,
        @DefaultValue("180d") Duration locationRetention,
        @DefaultValue("7d") Duration ingestedMessageRetention,
        @DefaultValue("5s") Duration rollupSafetyLag,
        @DefaultValue("30d") Duration rejectedMessageRetention,
        @DefaultValue("400d") Duration auditLogRetention) {

    /** The defaults, for code and tests that run the job without Spring. */
    public static MaintenanceProperties defaults() {
        return new MaintenanceProperties(true, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofDays(7),
                Duration.ofDays(100), Duration.ofDays(400), Duration.ofDays(180), Duration.ofDays(7), Duration.ofSeconds(5),
                Duration.ofDays(30), Duration.ofDays(400));
    }
}
