package care.anxin.gateway.watch;

import care.anxin.gateway.config.GatewayProperties;
import care.anxin.gateway.net.DeviceListeners;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The "3G watch" TCP listener (docs/protocol-watch.md) next to MQTT, on {@code anxin.gateway.watch.port}
 * (default 5093), bound to the same address; {@code anxin.gateway.watch.enabled=false} switches it off.
 */
public class WatchServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WatchServer.class);

    private final WatchServices services;
    private final IntSupplier backlog;
    private DeviceListeners listeners;
    private Channel listener;
    private volatile int port = -1;
    private volatile boolean running;

    /** {@code backlog}: messages still waiting for their commit (drained before connections are dropped at stop). */
    public WatchServer(WatchServices services, IntSupplier backlog) {
        this.services = services;
        this.backlog = backlog;
    }

    @Override
    public synchronized void start() {
        GatewayProperties p = services.properties();
        if (!p.watch().enabled()) {
            log.info("Watch listener off (anxin.gateway.watch.enabled=false)");
            return;
        }
        listeners = new DeviceListeners(p.eventLoops());
        listener = listeners.bind(p.bindAddress(), p.watch().port(), p.limits().acceptBacklog(),
                new WatchChannelInitializer(services));
        port = ((InetSocketAddress) listener.localAddress()).getPort();
        log.info("Watch protocol listening on {}:{} ({})", p.bindAddress(), port, listeners.transport());
        running = true;
    }

    /** The bound port (useful when configured as 0); -1 when the listener is off. */
    public int port() {
        return port;
    }

    /** Whether the listener is up, or deliberately off. */
    public boolean healthy() {
        return !services.properties().watch().enabled() || running && listener != null && listener.isActive();
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        listener.close().syncUninterruptibly();
        DeviceListeners.awaitDrained(backlog, Duration.ofSeconds(5));
        listeners.shutdown();
        log.info("Watch listener stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Like the MQTT listener: stops before the writer (GroupCommitWriter.PHASE) so nothing new arrives while it drains.
        return Integer.MAX_VALUE - 1000;
    }
}
