package care.anxin.gateway.mqtt;

import care.anxin.gateway.config.GatewayProperties;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The MQTT listeners (plain and, with a keystore, TLS) on Netty, native epoll where available.
 * Pipeline, one handler per concern: [tls] idle - decoder - encoder - socket limit - decode
 * failures - keepalive - connect/auth - publish guard (rate, ACL, QoS) - ingest - downlink - end.
 */
public class MqttServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MqttServer.class);
    /** Device ids are up to 64 characters (protocol.md); Netty's default limit is 23. */
    private static final int MAX_CLIENT_ID = 64;

    /** The per-channel handlers that are shared, and a factory for the one that is not. */
    public record Handlers(ConnectionLimitHandler limit, DecodeFailureHandler decodeFailure,
                           KeepaliveHandler keepalive, Supplier<ConnectHandler> connect, PublishGuardHandler guard,
                           IngestHandler ingest, DownlinkHandler downlink, SessionEndHandler end) {
    }

    private final GatewayProperties properties;
    private final Handlers handlers;
    private final SessionRegistry registry;
    private final IntSupplier backlog;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private final List<Channel> listeners = new ArrayList<>();
    private volatile int port = -1;
    private volatile int tlsPort = -1;
    private volatile boolean running;

    public MqttServer(GatewayProperties properties, Handlers handlers, SessionRegistry registry, IntSupplier backlog) {
        this.properties = properties;
        this.handlers = handlers;
        this.registry = registry;
        this.backlog = backlog;
    }

    @Override
    public synchronized void start() {
        boolean epoll = Epoll.isAvailable();
        boss = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        workers = epoll ? new EpollEventLoopGroup() : new NioEventLoopGroup();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        if (properties.port() >= 0) {
            Channel ch = bind(channelType, properties.port(), null);
            port = ((InetSocketAddress) ch.localAddress()).getPort();
            log.info("MQTT listening on {}:{} ({})", properties.bindAddress(), port, epoll ? "epoll" : "nio");
        }
        if (properties.tls().enabled()) {
            SslContext ssl = TlsContextFactory.create(properties.tls());
            Channel ch = bind(channelType, properties.tls().port(), ssl);
            tlsPort = ((InetSocketAddress) ch.localAddress()).getPort();
            log.info("MQTT over TLS listening on {}:{} (client certificates: {})", properties.bindAddress(), tlsPort,
                    properties.tls().clientAuth());
        }
        running = true;
    }

    private Channel bind(Class<? extends ServerChannel> channelType, int bindPort, SslContext ssl) {
        GatewayProperties.Limits limits = properties.limits();
        ServerBootstrap b = new ServerBootstrap().group(boss, workers).channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        var p = ch.pipeline();
                        if (ssl != null) {
                            p.addLast("tls", ssl.newHandler(ch.alloc()));
                        }
                        p.addLast("idle", new IdleStateHandler(limits.connectTimeout().toMillis(), 0, 0,
                                TimeUnit.MILLISECONDS));
                        p.addLast("decoder", new MqttDecoder(limits.maxPacketBytes(), MAX_CLIENT_ID));
                        p.addLast("encoder", MqttEncoder.INSTANCE);
                        p.addLast("limit", handlers.limit());
                        p.addLast("decodeFailure", handlers.decodeFailure());
                        p.addLast("keepalive", handlers.keepalive());
                        p.addLast("connect", handlers.connect().get());
                        p.addLast("guard", handlers.guard());
                        p.addLast("ingest", handlers.ingest());
                        p.addLast("downlink", handlers.downlink());
                        p.addLast("end", handlers.end());
                    }
                });
        Channel ch = b.bind(properties.bindAddress(), bindPort).syncUninterruptibly().channel();
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (backlog.getAsInt() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        registry.all().forEach(s -> {
            if (s.mqtt5() && s.channel().isActive()) {
                s.channel().writeAndFlush(MqttReplies.disconnect(ReasonCodes.SERVER_SHUTTING_DOWN));
            }
            s.channel().close();
        });
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
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
