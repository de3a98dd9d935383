package care.anxin.monitoring.config;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the monitoring service (application.yml, prefix {@code anxin.monitoring}).
 *
 * @param adminPassword password of the {@code admin} user created on an empty database; when blank
 *                      a random one is generated and printed once (and must be changed at first login)
 * @param login         login throttling
 * @param session       session lifetime
 * @param limits        request size limits
 * @param apiKeys       API key lifetimes
 * @param pages         list pagination
 * @param stream        live alert stream
 * @param trends        trend queries
 */
@ConfigurationProperties("anxin.monitoring")
public record MonitoringProperties(String adminPassword,
                                   @DefaultValue Login login,
                                   @DefaultValue Session session,
                                   @DefaultValue Limits limits,
                                   @DefaultValue ApiKeys apiKeys,
                                   @DefaultValue Pages pages,
                                   @DefaultValue Stream stream,
                                   @DefaultValue Trends trends) {

    /**
     * @param accountFreeFailures failures in a row (from any address) before an account is locked
     * @param addressFreeFailures failures in a row (for any account) before an address is locked
     * @param baseLock            first lock; doubles with every further failure
     * @param maxLock             longest lock (never permanent)
     * @param forgetAfter         a failure older than this starts the count again
     * @param basicCacheTtl       how long a successful HTTP Basic check is remembered (bcrypt is slow on purpose)
     */
    public record Login(@DefaultValue("5") int accountFreeFailures, @DefaultValue("20") int addressFreeFailures,
                        @DefaultValue("30s") Duration baseLock, @DefaultValue("15m") Duration maxLock,
                        @DefaultValue("1h") Duration forgetAfter, @DefaultValue("60s") Duration basicCacheTtl) {
    }

    /**
     * Idle timeout is server.servlet.session.timeout (ANXIN_SESSION_IDLE_TIMEOUT).
     *
     * @param absoluteTimeout a session ends this long after login however active it is
     */
    public record Session(@DefaultValue("12h") Duration absoluteTimeout) {
    }

    /**
     * @param maxRequestBody largest request body accepted anywhere (413 beyond)
     * @param maxLoginBody   largest login request body
     */
    public record Limits(@DefaultValue("1MB") DataSize maxRequestBody, @DefaultValue("8KB") DataSize maxLoginBody) {
    }

    /**
     * @param defaultLifetime expiry of a key created without one
     * @param maxLifetime     longest expiry an admin may choose
     */
    public record ApiKeys(@DefaultValue("365d") Duration defaultLifetime, @DefaultValue("730d") Duration maxLifetime) {
    }

    /**
     * @param defaultLimit items per page when the client sends no limit
     * @param maxLimit     largest limit a client may ask for
     */
    public record Pages(@DefaultValue("200") int defaultLimit, @DefaultValue("1000") int maxLimit) {
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
