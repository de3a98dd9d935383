package care.anxin.gateway.mqtt;

import care.anxin.gateway.config.GatewayProperties;
import care.anxin.gateway.net.DeviceListeners;
import care.anxin.gateway.session.SessionEnd;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The MQTT listeners (plain and, with a keystore, TLS) on Netty, native epoll where available;
 * each connection's pipeline is built by {@link MqttChannelInitializer}.
 */
public class MqttServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MqttServer.class);

    private final MqttServices services;
    private final IntSupplier backlog;
    private DeviceListeners sockets;
    private final List<Channel> listeners = new ArrayList<>();
    private volatile int port = -1;
    private volatile int tlsPort = -1;
    private volatile boolean running;

    /** {@code backlog}: messages still waiting for their commit (drained before connections are dropped at stop). */
    public MqttServer(MqttServices services, IntSupplier backlog) {
        this.services = services;
        this.backlog = backlog;
    }

    @Override
    public synchronized void start() {
        GatewayProperties properties = services.properties();
        sockets = new DeviceListeners(properties.eventLoops());
        if (properties.plain().enabled() && properties.port() >= 0) {
            Channel ch = bind(properties.port(), null);
            port = ((InetSocketAddress) ch.localAddress()).getPort();
            log.info("MQTT listening on {}:{} ({})", properties.bindAddress(), port, sockets.transport());
        }
        if (properties.tls().enabled()) {
            SslContext ssl = TlsContextFactory.create(properties.tls());
            Channel ch = bind(properties.tls().port(), ssl);
            tlsPort = ((InetSocketAddress) ch.localAddress()).getPort();
            log.info("MQTT over TLS listening on {}:{} (client certificates: {})", properties.bindAddress(), tlsPort,
                    properties.tls().clientAuth());
        }
        if (listeners.isEmpty()) {
            throw new IllegalStateException("No MQTT listener: anxin.gateway.plain.enabled=false and no TLS keystore");
        }
        running = true;
    }

    private Channel bind(int bindPort, SslContext ssl) {
        GatewayProperties properties = services.properties();
        Channel ch = sockets.bind(properties.bindAddress(), bindPort, properties.limits().acceptBacklog(),
                new MqttChannelInitializer(services, ssl));
        listeners.add(ch);
        return ch;
    }

    /** The bound plain MQTT port (useful when configured as 0). */
    public int port() {
        return port;
    }

    public int tlsPort() {
        return tlsPort;
    }

    public boolean listening() {
        return running && !listeners.isEmpty() && listeners.stream().allMatch(Channel::isActive);
    }

    @Override
    public synchronized void stop() {
        running = false;
        listeners.forEach(ch -> ch.close().syncUninterruptibly());
        listeners.clear();
        // Let in-flight commits finish so their PUBACKs still go out, then drop the connections.
        DeviceListeners.awaitDrained(backlog, Duration.ofSeconds(5));
        services.registry().all().forEach(s -> s.channel().eventLoop().execute(() -> s.link().end(SessionEnd.SHUTTING_DOWN)));
        if (sockets != null) {
            sockets.shutdown();
        }
        log.info("MQTT listeners stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stops before the writer (GroupCommitWriter.PHASE) so nothing new arrives while it drains.
        return Integer.MAX_VALUE - 1000;
    }
}
