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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An event-loop MQTT 3.1.1 client fleet on netty-codec-mqtt: thousands of device connections
 * on a couple of threads (a Paho client costs three threads per connection, which is what
 * limited a Paho fleet to ~7,000 msg/s on two cores).
 */
public final class MqttLoadClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MqttLoadClient.class);

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

    public MqttLoadClient(Target target, PayloadSource payloads, LoadStats stats, int threads, int window, int keepAliveSec) {
        this.group = new NioEventLoopGroup(threads);
        this.target = target;
        this.payloads = payloads;
        this.stats = stats;
        this.window = window;
        this.keepAliveSec = keepAliveSec;
    }

    /**
     * Connects every device, at most {@code connectsPerSecond} new connections a second and
     * {@code maxPending} first CONNECTs awaiting their CONNACK, so a login storm does not time
     * itself out. A device that is refused (any CONNACK code), closed or not answered within
     * {@code connackTimeout} retries like Paho's automatic reconnect: after 1 s, doubling up to
     * 16 s, with jitter (×0.5-1.5), until {@code connackTimeout} after its first attempt. Every
     * failed attempt is counted by its reason in {@link LoadStats#connectAttemptsFailed}; devices
     * still down at the end in {@link LoadStats#connectFailures} and left out.
     */
    public List<LoadConnection> connectAll(List<DeviceCredential> devices, int connectsPerSecond, int maxPending,
                                           Duration connackTimeout) throws InterruptedException {
        Semaphore pending = new Semaphore(maxPending);
        List<CompletableFuture<LoadConnection>> futures = new ArrayList<>(devices.size());
        long started = System.nanoTime();
        long spacingNanos = connectsPerSecond <= 0 ? 0 : 1_000_000_000L / connectsPerSecond;
        for (int i = 0; i < devices.size(); i++) {
            long due = started + i * spacingNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            pending.acquire();
            CompletableFuture<LoadConnection> done = new CompletableFuture<>();
            attempt(devices.get(i), System.nanoTime() + connackTimeout.toNanos(), connackTimeout, FIRST_RETRY_MILLIS, done,
                    pending::release);
            futures.add(done);
        }
        List<LoadConnection> up = new ArrayList<>(devices.size());
        String lastFailure = null;
        for (CompletableFuture<LoadConnection> future : futures) {
            try {
                up.add(future.join());
            } catch (RuntimeException e) {
                stats.connectFailures.increment();
                lastFailure = String.valueOf(e.getCause() == null ? e : e.getCause().getMessage());
            }
        }
        if (!stats.connectAttemptsFailed.isEmpty()) {
            log.warn("{}: {} of {} devices connected; failed CONNECT attempts (retried with backoff) by reason: {}{}",
                    target.label(), up.size(), devices.size(), stats.connectAttemptsFailedByReason(),
                    lastFailure == null ? "" : "; gave up on " + (devices.size() - up.size()) + ", last: " + lastFailure);
        }
        return up;
    }

    private static final long FIRST_RETRY_MILLIS = 1_000;
    private static final long MAX_RETRY_MILLIS = 16_000;

    /** One CONNECT of {@code device}; on failure another after {@code backoffMillis} (jittered), until {@code giveUpAt}. */
    private void attempt(DeviceCredential device, long giveUpAt, Duration connackTimeout, long backoffMillis,
                         CompletableFuture<LoadConnection> done, Runnable firstAnswered) {
        long left = Math.max(1, Math.min(connackTimeout.toNanos(), giveUpAt - System.nanoTime()));
        connect(device).orTimeout(left, TimeUnit.NANOSECONDS).whenComplete((connection, error) -> {
            firstAnswered.run();
            if (error == null) {
                done.complete(connection);
                return;
            }
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            String reason = cause instanceof ConnectRefused refused ? refused.code()
                    : cause instanceof TimeoutException ? "no CONNACK" : "closed or unreachable";
            stats.connectAttemptFailed(reason);
            long delay = (long) (backoffMillis * (0.5 + ThreadLocalRandom.current().nextDouble()));
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) >= giveUpAt) {
                done.completeExceptionally(cause instanceof TimeoutException
                        ? new TimeoutException("no CONNACK in " + connackTimeout) : cause);
                return;
            }
            stats.connectRetries.increment();
            group.schedule(() -> attempt(device, giveUpAt, connackTimeout, Math.min(MAX_RETRY_MILLIS, backoffMillis * 2),
                    done, () -> { }), delay, TimeUnit.MILLISECONDS);
        });
    }

    public CompletableFuture<LoadConnection> connect(DeviceCredential device) {
        LoadConnection connection = new LoadConnection(device, target.authenticate(), keepAliveSec, payloads, stats, window);
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
