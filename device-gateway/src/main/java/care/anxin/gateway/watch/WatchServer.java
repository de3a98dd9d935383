package care.anxin.gateway.watch;

import care.anxin.gateway.config.GatewayProperties;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
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
    private EventLoopGroup boss;
    private EventLoopGroup workers;
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
        boolean epoll = Epoll.isAvailable();
        boss = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        workers = epoll ? new EpollEventLoopGroup() : new NioEventLoopGroup();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        listener = new ServerBootstrap().group(boss, workers).channel(channelType)
                .option(ChannelOption.SO_BACKLOG, p.limits().acceptBacklog())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new WatchChannelInitializer(services))
                .bind(p.bindAddress(), p.watch().port()).syncUninterruptibly().channel();
        port = ((InetSocketAddress) listener.localAddress()).getPort();
        log.info("Watch protocol listening on {}:{} ({})", p.bindAddress(), port, epoll ? "epoll" : "nio");
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (backlog.getAsInt() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
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
