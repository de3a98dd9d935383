package care.anxin.simulator.load;

import care.anxin.simulator.watch.WatchFrameDecoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fleet of "3G" protocol watches on a few Netty event-loop threads (the watch counterpart of
 * {@link MqttLoadClient}): thousands of TCP connections, each logged in with a heartbeat.
 */
public final class WatchLoadClient implements AutoCloseable {

    private final EventLoopGroup group;
    private final String label;
    private final String host;
    private final int port;
    private final WatchFrameSource frames;
    private final LoadStats stats;
    private final int window;
    /** Bytes from the platform that were not a frame (should stay 0). */
    public final LongAdder skippedBytes = new LongAdder();

    public WatchLoadClient(String label, String host, int port, WatchFrameSource frames, LoadStats stats, int threads, int window) {
        this.group = new NioEventLoopGroup(threads);
        this.label = label;
        this.host = host;
        this.port = port;
        this.frames = frames;
        this.stats = stats;
        this.window = window;
    }

    /** Connects every watch through a {@link ConnectRamp} (paced; a refused or closed login retried with backoff). */
    public List<WatchLoadConnection> connectAll(List<DeviceCredential> devices, int connectsPerSecond, int maxPending,
                                                Duration loginTimeout) throws InterruptedException {
        return new ConnectRamp<>(label, group, stats, this::connect, "no LK reply")
                .connectAll(devices, connectsPerSecond, maxPending, loginTimeout);
    }

    public CompletableFuture<WatchLoadConnection> connect(DeviceCredential device) {
        WatchLoadConnection connection = new WatchLoadConnection(device, frames, stats, window);
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new WatchFrameDecoder(skippedBytes), connection);
                    }
                });
        bootstrap.connect(host, port).addListener(f -> {
            if (!f.isSuccess()) {
                connection.loggedIn().completeExceptionally(f.cause());
            }
        });
        return connection.loggedIn();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
