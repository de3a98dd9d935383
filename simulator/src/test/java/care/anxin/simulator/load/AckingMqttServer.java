package care.anxin.simulator.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttPubAckMessage;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny MQTT server for tests: accepts the secrets it knows, acknowledges every QoS 1 publish;
 * with {@code refuseFirstConnect}, answers each client id's first CONNECT "server unavailable"
 * (as a busy gateway does).
 */
final class AckingMqttServer implements AutoCloseable {
    final AtomicLong publishes = new AtomicLong();
    final Set<String> clientIds = ConcurrentHashMap.newKeySet();
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final Channel server;
    final AtomicLong refusedBusy = new AtomicLong();
    private final String requiredPassword;
    private final boolean refuseFirstConnect;

    AckingMqttServer(String requiredPassword) throws InterruptedException {
        this(requiredPassword, false);
    }

    AckingMqttServer(String requiredPassword, boolean refuseFirstConnect) throws InterruptedException {
        this.requiredPassword = requiredPassword;
        this.refuseFirstConnect = refuseFirstConnect;
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(MqttEncoder.INSTANCE, new MqttDecoder(), new Handler());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private final class Handler extends SimpleChannelInboundHandler<MqttMessage> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
            if (msg.fixedHeader().messageType() == MqttMessageType.CONNECT) {
                MqttConnectMessage connect = (MqttConnectMessage) msg;
                byte[] password = connect.payload().passwordInBytes();
                boolean ok = requiredPassword == null || (password != null && requiredPassword.equals(new String(password)));
                boolean first = clientIds.add(connect.payload().clientIdentifier());
                if (first && refuseFirstConnect) {
                    refusedBusy.incrementAndGet();
                    ctx.writeAndFlush(MqttMessageBuilders.connAck()
                            .returnCode(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE).build())
                            .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
                    return;
                }
                ctx.writeAndFlush(MqttMessageBuilders.connAck().returnCode(ok ? MqttConnectReturnCode.CONNECTION_ACCEPTED
                        : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD).build());
            } else if (msg.fixedHeader().messageType() == MqttMessageType.PUBLISH) {
                publishes.incrementAndGet();
                MqttPublishMessage publish = (MqttPublishMessage) msg;
                if (publish.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                    ctx.writeAndFlush(new MqttPubAckMessage(new MqttFixedHeader(MqttMessageType.PUBACK, false, MqttQoS.AT_MOST_ONCE, false, 2),
                            MqttMessageIdVariableHeader.from(publish.variableHeader().packetId())));
                }
            }
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
