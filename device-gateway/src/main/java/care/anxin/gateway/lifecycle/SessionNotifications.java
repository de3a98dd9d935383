package care.anxin.gateway.lifecycle;

import care.anxin.gateway.auth.RecentLogins;
import care.anxin.gateway.ops.GatewayMetrics;
import care.anxin.gateway.session.DeviceSession;
import care.anxin.gateway.session.SessionEnd;
import care.anxin.gateway.session.SessionRegistry;
import care.anxin.store.notify.DeviceSessionNotice;
import care.anxin.store.notify.NotifyChannel;
import care.anxin.store.notify.PgNotificationListener;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * What other processes say about live sessions, over LISTEN (so it reaches whichever gateway
 * holds the device, within the listener's poll interval):
 * <ul>
 * <li>{@code device_session}: the device connected to another gateway — the session here is taken
 *     over (closed without its will and without an offline; the other gateway now holds presence);</li>
 * <li>{@code device_revoked}: the device was disabled, its secret rotated or its elder changed —
 *     the session ends now (MQTT 5: 0x98) and its remembered login is forgotten.</li>
 * </ul>
 */
public class SessionNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SessionNotifications.class);

    private final DataSource dataSource;
    private final SessionRegistry registry;
    private final RecentLogins recent;
    private final GatewayMetrics metrics;
    private final String node;
    private volatile PgNotificationListener listener;

    public SessionNotifications(DataSource dataSource, SessionRegistry registry, RecentLogins recent,
                                GatewayMetrics metrics, String node) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.recent = recent;
        this.metrics = metrics;
        this.node = node;
    }

    void onConnectedElsewhere(String payload) {
        DeviceSessionNotice.parse(payload).filter(n -> !n.node().equals(node)).ifPresent(n ->
                registry.get(n.deviceId()).filter(s -> !s.connectedAt().isAfter(n.connectedAt())).ifPresent(s -> {
                    log.info("device={} connected to gateway {}: closing the session here (taken over)",
                            s.deviceId(), n.node());
                    s.markTakenOver();
                    end(s, SessionEnd.TAKEN_OVER);
                }));
    }

    void onRevoked(String deviceId) {
        recent.forget(deviceId);
        registry.get(deviceId).ifPresent(s -> {
            log.info("device={} disabled, re-keyed or re-bound: ending its session", deviceId);
            metrics.reject("revoked");
            s.clearWill();
            s.endReason("revoked");
            end(s, SessionEnd.REVOKED);
        });
    }

    private static void end(DeviceSession s, SessionEnd why) {
        s.channel().eventLoop().execute(() -> s.link().end(why));
    }

    /** Whether the LISTEN connection is up (health). */
    public boolean listening() {
        PgNotificationListener l = listener;
        return l != null && l.isConnected();
    }

    @Override
    public void start() {
        PgNotificationListener l = new PgNotificationListener(dataSource, "gateway-sessions");
        l.listen(NotifyChannel.DEVICE_SESSION, this::onConnectedElsewhere);
        l.listen(NotifyChannel.DEVICE_REVOKED, this::onRevoked);
        l.start();
        listener = l;
    }

    @Override
    public void stop() {
        PgNotificationListener l = listener;
        listener = null;
        if (l != null) {
            l.close();
        }
    }

    @Override
    public boolean isRunning() {
        return listener != null;
    }
}
