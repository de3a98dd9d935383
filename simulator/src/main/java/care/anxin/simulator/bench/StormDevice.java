package care.anxin.simulator.bench;

import care.anxin.simulator.load.DeviceCredential;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One device of the reconnect-storm bench, behaving like handset firmware: connect, publish one
 * QoS 1 status message, stay connected; when the connection drops or is refused, reconnect after
 * an exponential backoff with jitter (0.5 s doubling to 8 s, x0.5-1.5), for ever. Records when it
 * was last back (CONNACK accepted and its PUBACK received) and counts failed attempts.
 */
final class StormDevice extends SimpleChannelInboundHandler<MqttMessage> {

    /** Counters shared by a fleet. */
    static final class Counters {
        /** TCP connections attempted. */
        final LongAdder attempts = new LongAdder();
        /** TCP connect failed (nothing listening: the server is restarting). */
        final LongAdder tcpRefused = new LongAdder();
        /** CONNECT sent but the session did not come up (refused by code, closed or timed out). */
        final LongAdder failedConnects = new LongAdder();
        /** ... of which refused with a CONNACK code. */
        final LongAdder refusedByCode = new LongAdder();
    }

    private static final long MAX_BACKOFF_MS = 8_000;
    private static final int CONNACK_TIMEOUT_MS = 30_000;

    private final DeviceCredential device;
    private final String host;
    private final int port;
    private final String localAddress;
    private final EventLoopGroup group;
    private final Counters counters;
    private volatile long backAtNanos;
    private volatile boolean stopped;
    private int failuresInARow;
    private boolean accepted;
    private int messageSeq;

    StormDevice(DeviceCredential device, String host, int port, String localAddress, EventLoopGroup group,
                Counters counters) {
        this.device = device;
        this.host = host;
        this.port = port;
        this.localAddress = localAddress;
        this.group = group;
        this.counters = counters;
    }

    /** When the device was last connected and publishing again (0 = not since {@link #resetBack()}). */
    long backAtNanos() {
        return backAtNanos;
    }

    void resetBack() {
        backAtNanos = 0;
    }

    void stop() {
        stopped = true;
    }

    void connect() {
        if (stopped) {
            return;
        }
        counters.attempts.increment();
        accepted = false;
        new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(MqttEncoder.INSTANCE, new MqttDecoder(64 * 1024), StormDevice.this);
                    }
                })
                .connect(new InetSocketAddress(host, port), new InetSocketAddress(localAddress, 0))
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        counters.tcpRefused.increment();
                        retryLater();
                    }
                });
    }

    @Override
    public boolean isSharable() {
        return true;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        ch.writeAndFlush(MqttMessageBuilders.connect().clientId(device.deviceId()).username(device.deviceId())
                .password(device.secret().getBytes(StandardCharsets.UTF_8)).protocolVersion(MqttVersion.MQTT_3_1_1)
                .cleanSession(true).keepAlive(120).build());
        ch.eventLoop().schedule(() -> {
            if (!accepted && ch.isActive()) {
                ch.close();
            }
        }, CONNACK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
        MqttMessageType type = msg.fixedHeader().messageType();
        if (type == MqttMessageType.CONNACK) {
            MqttConnectReturnCode code = ((MqttConnAckMessage) msg).variableHeader().connectReturnCode();
            if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                counters.refusedByCode.increment();
                ctx.close();
                return;
            }
            accepted = true;
            String payload = "{\"msgId\":\"" + device.deviceId() + "-storm-" + System.nanoTime() + "-" + messageSeq++
                    + "\",\"ts\":\"" + Instant.now() + "\",\"battery\":80}";
            ctx.writeAndFlush(MqttMessageBuilders.publish().topicName("anxin/v1/" + device.deviceId() + "/up/status")
                    .qos(MqttQoS.AT_LEAST_ONCE).messageId(1).retained(false)
                    .payload(Unpooled.wrappedBuffer(payload.getBytes(StandardCharsets.UTF_8))).build());
        } else if (type == MqttMessageType.PUBACK) {
            failuresInARow = 0;
            if (backAtNanos == 0) {
                backAtNanos = System.nanoTime();
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!accepted) {
            counters.failedConnects.increment();
        }
        retryLater();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void retryLater() {
        if (stopped) {
            return;
        }
        long base = Math.min(MAX_BACKOFF_MS, 500L << Math.min(failuresInARow, 5));
        failuresInARow++;
        long delay = (long) (base * (0.5 + ThreadLocalRandom.current().nextDouble()));
        group.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }
}
