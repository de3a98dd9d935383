package care.anxin.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare MQTT client over a real socket (Netty's codec), for what Paho will not send: QoS 2,
 * oversize packets, raw garbage bytes.
 */
public final class RawMqtt implements AutoCloseable {

    private static final NioEventLoopGroup group = new NioEventLoopGroup(1);

    private final Channel channel;
    private final BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();

    private RawMqtt(int port) throws InterruptedException {
        this(port, null, null);
    }

    /** From a chosen local address (e.g. 127.0.1.2: another /24), sending {@code preamble} (a PROXY header) first. */
    private RawMqtt(int port, String localAddress, byte[] preamble) throws InterruptedException {
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new MqttDecoder(1 << 20), MqttEncoder.INSTANCE,
                                new SimpleChannelInboundHandler<MqttMessage>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
                                        received.add(msg);
                                    }
                                });
                    }
                });
        channel = (localAddress == null ? b.connect("127.0.0.1", port)
                : b.connect(new InetSocketAddress("127.0.0.1", port), new InetSocketAddress(localAddress, 0)))
                .sync().channel();
        if (preamble != null) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(preamble)).sync();
        }
    }

    public static RawMqtt open(int port, String localAddress, byte[] preamble) throws InterruptedException {
        return new RawMqtt(port, localAddress, preamble);
    }

    public static RawMqtt open(int port) throws InterruptedException {
        return new RawMqtt(port);
    }

    public static MqttConnectMessage connectMessage(Fleet.Device d, MqttVersion version) {
        return connectMessage(d.id(), d.secret(), version);
    }

    public static MqttConnectMessage connectMessage(String id, String secret, MqttVersion version) {
        return MqttMessageBuilders.connect().clientId(id).username(id)
                .password(secret.getBytes(StandardCharsets.UTF_8)).protocolVersion(version)
                .cleanSession(true).keepAlive(30).build();
    }

    /** The CONNACK return / reason code of a CONNECT with this id and secret (-1: no answer, closed). */
    public MqttMessage login(String id, String secret, MqttVersion version) throws InterruptedException {
        send(connectMessage(id, secret, version));
        return next(Duration.ofSeconds(10));
    }

    /** Connects as the device and returns the CONNACK. */
    public MqttMessage login(Fleet.Device d, MqttVersion version) throws InterruptedException {
        send(connectMessage(d, version));
        return next(Duration.ofSeconds(10));
    }

    public void publish(String topic, byte[] payload, MqttQoS qos, int packetId) {
        send(MqttMessageBuilders.publish().topicName(topic).qos(qos).messageId(packetId).retained(false)
                .payload(Unpooled.wrappedBuffer(payload)).build());
    }

    public void send(MqttMessage message) {
        channel.writeAndFlush(message).syncUninterruptibly();
    }

    /** Sends without waiting: the server may already have closed the connection. */
    public void sendQuietly(MqttMessage message) {
        channel.writeAndFlush(message);
    }

    public void sendBytes(byte[] bytes) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }

    public MqttMessage next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until the server closed the connection. */
    public boolean closedWithin(Duration timeout) {
        return channel.closeFuture().awaitUninterruptibly(timeout.toMillis());
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
