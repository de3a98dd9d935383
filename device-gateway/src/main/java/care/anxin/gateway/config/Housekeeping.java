package care.anxin.gateway.config;

import care.anxin.gateway.auth.DeviceAuthenticator;
import care.anxin.gateway.auth.LoginThrottle;
import care.anxin.gateway.ingest.DeviceActivityTracker;
import care.anxin.store.ingest.IngestRepository;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/** Periodic chores: batched last-seen writes, cache expiry, forgetting old de-duplication keys. */
public class Housekeeping implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final DeviceActivityTracker activity;

    public Housekeeping(ScheduledExecutorService scheduler, DeviceActivityTracker activity,
                        DeviceAuthenticator authenticator, LoginThrottle throttle, IngestRepository ingest,
                        GatewayProperties p, Clock clock) {
        this.activity = activity;
        long flush = p.ingest().activityFlush().toMillis();
        scheduler.scheduleWithFixedDelay(activity::flush, flush, flush, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> {
            authenticator.evictExpired();
            throttle.evictExpired();
        }, 1, 1, TimeUnit.MINUTES);
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                int n = ingest.forgetBefore(clock.instant().minus(p.ingest().dedupRetention()));
                if (n > 0) {
                    log.info("Forgot {} de-duplication keys older than {}", n, p.ingest().dedupRetention());
                }
            } catch (SQLException | RuntimeException e) {
                log.warn("Cannot prune ingested_message: {}", e.toString());
            }
        }, 1, 60, TimeUnit.MINUTES);
    }

    @Override
    public void destroy() {
        activity.flush();
    }
}
