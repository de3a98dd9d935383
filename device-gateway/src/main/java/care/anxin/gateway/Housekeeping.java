package care.anxin.gateway;

import care.anxin.gateway.auth.LoginLimiter;
import care.anxin.gateway.auth.RecentLogins;
import care.anxin.gateway.config.GatewayProperties;
import care.anxin.gateway.ingest.DeviceActivityTracker;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;

/**
 * Periodic chores: batched last-seen writes and cache expiry. (Old de-duplication keys are pruned
 * by the store's StoreMaintenance.)
 */
public class Housekeeping implements DisposableBean {

    private final DeviceActivityTracker activity;

    public Housekeeping(ScheduledExecutorService scheduler, DeviceActivityTracker activity,
                        RecentLogins recent, LoginLimiter limiter, GatewayProperties p) {
        this.activity = activity;
        long flush = p.ingest().activityFlush().toMillis();
        scheduler.scheduleWithFixedDelay(activity::flush, flush, flush, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> {
            recent.evictExpired();
            limiter.evictFull();
        }, 1, 1, TimeUnit.MINUTES);
    }

    @Override
    public void destroy() {
        activity.flush();
    }
}
