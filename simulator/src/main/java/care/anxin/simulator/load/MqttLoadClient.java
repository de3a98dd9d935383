package care.anxin.simulator.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An event-loop MQTT 3.1.1 client fleet on netty-codec-mqtt: thousands of device connections
 * on a couple of threads (a Paho client costs three threads per connection, which is what
 * limited a Paho fleet to ~7,000 msg/s on two cores).
 */
public final class MqttLoadClient implements AutoCloseable {

    /** Where to connect and how. {@code authenticate=false} for a plain broker such as mosquitto. */
    public record Target(String label, String host, int port, boolean authenticate) {
        public static Target parse(String label, String uri, boolean authenticate) {
            String hostPort = uri.replaceFirst("^(tcp|mqtt)://", "");
            int colon = hostPort.lastIndexOf(':');
            return colon < 0 ? new Target(label, hostPort, 1883, authenticate)
                    : new Target(label, hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)), authenticate);
        }
    }

    private final EventLoopGroup group;
    private final Target target;
    private final PayloadSource payloads;
    private final LoadStats stats;
    private final int window;
    private final int keepAliveSec;
    private final double maxPerSecond;

    public MqttLoadClient(Target target, PayloadSource payloads, LoadStats stats, int threads, int window, int keepAliveSec) {
        this(target, payloads, stats, threads, window, keepAliveSec, 0);
    }

    /**
     * @param maxPerSecond what one device may send per second, catching up included (0 = no limit):
     *                     a device behind its schedule (the server was slow to acknowledge) sends
     *                     what it owes at this pace, never in a burst the gateway's per-device
     *                     limit would cut
     */
    public MqttLoadClient(Target target, PayloadSource payloads, LoadStats stats, int threads, int window, int keepAliveSec,
                          double maxPerSecond) {
        this.maxPerSecond = maxPerSecond;
        this.group = new NioEventLoopGroup(threads);
        this.target = target;
        this.payloads = payloads;
        this.stats = stats;
        this.window = window;
        this.keepAliveSec = keepAliveSec;
    }

    /** Connects every device through a {@link ConnectRamp} (paced, retried with backoff like Paho's reconnect). */
    public List<LoadConnection> connectAll(List<DeviceCredential> devices, int connectsPerSecond, int maxPending,
                                           Duration connackTimeout) throws InterruptedException {
        return new ConnectRamp<>(target.label(), group, stats, this::connect, "no CONNACK")
                .connectAll(devices, connectsPerSecond, maxPending, connackTimeout);
    }

    public CompletableFuture<LoadConnection> connect(DeviceCredential device) {
        LoadConnection connection = new LoadConnection(device, target.authenticate(), keepAliveSec, payloads, stats, window,
                maxPerSecond);
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new IdleStateHandler(0, Math.max(1, keepAliveSec / 2), 0),
                                MqttEncoder.INSTANCE, new MqttDecoder(64 * 1024), connection);
                    }
                });
        bootstrap.connect(target.host(), target.port()).addListener(f -> {
            if (!f.isSuccess()) {
                connection.connected().completeExceptionally(f.cause());
            }
        });
        return connection.connected();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
