package care.anxin.gateway;

import care.anxin.gateway.auth.DeviceAuthenticator;
import care.anxin.gateway.auth.LoginThrottle;
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
                        DeviceAuthenticator authenticator, LoginThrottle throttle, GatewayProperties p) {
        this.activity = activity;
        long flush = p.ingest().activityFlush().toMillis();
        scheduler.scheduleWithFixedDelay(activity::flush, flush, flush, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> {
            authenticator.evictExpired();
            throttle.evictExpired();
        }, 1, 1, TimeUnit.MINUTES);
    }

    @Override
    public void destroy() {
        activity.flush();
    }
}
