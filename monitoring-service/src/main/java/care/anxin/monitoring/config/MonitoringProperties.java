package care.anxin.monitoring.config;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the monitoring service (application.yml, prefix {@code anxin.monitoring}).
 *
 * @param adminPassword password of the {@code admin} user created on an empty database
 * @param login         login throttling
 * @param stream        live alert stream
 * @param trends        trend queries
 */
@ConfigurationProperties("anxin.monitoring")
public record MonitoringProperties(@DefaultValue("anxin-admin") String adminPassword,
                                   @DefaultValue Login login,
                                   @DefaultValue Stream stream,
                                   @DefaultValue Trends trends) {

    /**
     * @param freeFailures failures in a row before the username+address pair is locked
     * @param baseLock     first lock; doubles with every further failure
     * @param maxLock      longest lock
     * @param forgetAfter  a failure older than this starts the count again
     * @param basicCacheTtl how long a successful HTTP Basic check is remembered (bcrypt is slow on purpose)
     */
    public record Login(@DefaultValue("5") int freeFailures, @DefaultValue("30s") Duration baseLock,
                        @DefaultValue("15m") Duration maxLock, @DefaultValue("1h") Duration forgetAfter,
                        @DefaultValue("60s") Duration basicCacheTtl) {
    }

    /**
     * @param replayBuffer events kept for resuming with Last-Event-ID
     * @param heartbeat    interval of heartbeat comments
     * @param timeout      stream lifetime; the browser reconnects and resumes afterwards
     * @param subscriberQueue frames queued for one stream before it counts as fallen behind and is closed
     * @param stallTimeout a stream whose socket takes no bytes for this long is closed
     * @param maxPerUser   open streams per user (console tabs); more are refused with 429
     * @param contractCheckThreads threads checking doctors' contracts per event (off the fan-out thread)
     */
    public record Stream(@DefaultValue("2048") int replayBuffer, @DefaultValue("15s") Duration heartbeat,
                         @DefaultValue("30m") Duration timeout, @DefaultValue("512") int subscriberQueue,
                         @DefaultValue("20s") Duration stallTimeout, @DefaultValue("8") int maxPerUser,
                         @DefaultValue("2") int contractCheckThreads) {
    }

    /** @param zone time zone whose midnight aligns day buckets */
    public record Trends(@DefaultValue("Asia/Shanghai") ZoneId zone) {
    }
}
