package care.anxin.gateway.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The Netty side every device protocol's listener shares: its event loops (native epoll where
 * available), server sockets with the accept backlog and socket options, and a stop that first
 * lets in-flight commits finish so their acknowledgements still go out.
 */
public final class DeviceListeners {

    private final boolean epoll = Epoll.isAvailable();
    private final EventLoopGroup boss = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
    private final EventLoopGroup workers;
    private final Class<? extends ServerChannel> channelType =
            epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;

    /** {@code eventLoops}: threads serving the accepted connections. */
    public DeviceListeners(int eventLoops) {
        workers = epoll ? new EpollEventLoopGroup(eventLoops) : new NioEventLoopGroup(eventLoops);
    }

    /** A listening socket whose connections get their pipeline from {@code initializer}. */
    public Channel bind(String address, int port, int acceptBacklog, ChannelHandler initializer) {
        return new ServerBootstrap().group(boss, workers).channel(channelType)
                .option(ChannelOption.SO_BACKLOG, acceptBacklog)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(initializer)
                .bind(address, port).syncUninterruptibly().channel();
    }

    /** "epoll" or "nio", for the start-up log line. */
    public String transport() {
        return epoll ? "epoll" : "nio";
    }

    /** Waits (at most {@code max}) until no message awaits its commit; call after closing the listening sockets. */
    public static void awaitDrained(IntSupplier backlog, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (backlog.getAsInt() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Drops the connections and stops the event loops. */
    public void shutdown() {
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
