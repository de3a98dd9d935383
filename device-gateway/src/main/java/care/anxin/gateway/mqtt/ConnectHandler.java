package care.anxin.gateway.mqtt;

import care.anxin.domain.wire.DeviceTopic;
import care.anxin.domain.wire.MessageKind;
import care.anxin.gateway.config.GatewayProperties;
import care.anxin.gateway.limit.TokenBucket;
import care.anxin.gateway.net.RemoteAddress;
import care.anxin.gateway.session.DeviceSession;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the session of an authenticated device: the session and its MQTT link, takeover of an
 * older connection (through the shared {@code SessionLifecycle}), the keepalive timer and the
 * CONNACK with the server's limits (MQTT 5 properties); then the CONNECT-phase handlers step aside.
 */
@ChannelHandler.Sharable
final class ConnectHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectHandler.class);
    /** Silence allowed is 1.5 x the keepalive (MQTT 3.1.4). */
    private static final long KEEPALIVE_GRACE_MILLIS_PER_SECOND = 1500;

    private final MqttServices services;

    ConnectHandler(MqttServices services) {
        this.services = services;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof AuthenticatedConnect accepted) {
            open(ctx, accepted);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void open(ChannelHandlerContext ctx, AuthenticatedConnect accepted) {
        MqttConnectMessage connect = accepted.connect();
        boolean mqtt5 = accepted.mqtt5();
        String deviceId = accepted.device().deviceId();
        GatewayProperties.Limits limits = services.properties().limits();
        boolean clean = connect.variableHeader().isCleanSession();
        DeviceSession session = new DeviceSession(deviceId, accepted.device().elderId(), ctx.channel(),
                new MqttLink(ctx.channel(), deviceId, mqtt5, clean, services.commandCodec(), limits),
                Instant.now(services.clock()), RemoteAddress.of(ctx.channel()),
                new TokenBucket(limits.messagesPerSecond(), limits.burst(), System.nanoTime()), will(connect, deviceId));
        session.subscribed(accepted.storedSession().orElse(false));
        ctx.channel().attr(DeviceSession.KEY).set(session);

        int keepalive = connect.variableHeader().keepAliveTimeSeconds();
        int effective = keepalive == 0 || keepalive > limits.maxKeepaliveSeconds() ? limits.maxKeepaliveSeconds() : keepalive;
        ctx.pipeline().addBefore(MqttHandlerNames.DECODER, MqttHandlerNames.KEEPALIVE_TIMER,
                new IdleStateHandler(effective * KEEPALIVE_GRACE_MILLIS_PER_SECOND, 0, 0, TimeUnit.MILLISECONDS));

        boolean sessionPresent = !clean && accepted.storedSession().isPresent();
        ctx.writeAndFlush(MqttReplies.connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED, sessionPresent,
                mqtt5 ? connackProperties(limits, keepalive, effective) : MqttProperties.NO_PROPERTIES));
        services.metrics().connectAccepted();
        Optional<DeviceSession> previous = services.lifecycle().opened(session);
        log.info("device={} connected from {} ({}, keepalive {}s, clean {}{})", deviceId, session.remoteAddress(),
                session.link().protocol(), effective, clean, previous.isPresent() ? ", took over" : "");
        ctx.pipeline().fireUserEventTriggered(MqttEvents.CONNECT_ACCEPTED);
        ctx.channel().config().setAutoRead(true);
    }

    private static MqttProperties connackProperties(GatewayProperties.Limits limits, int requested, int effective) {
        MqttProperties props = new MqttProperties();
        props.add(new IntegerProperty(MqttPropertyType.MAXIMUM_QOS.value(), 1));
        props.add(new IntegerProperty(MqttPropertyType.RETAIN_AVAILABLE.value(), 0));
        props.add(new IntegerProperty(MqttPropertyType.WILDCARD_SUBSCRIPTION_AVAILABLE.value(), 0));
        props.add(new IntegerProperty(MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE.value(), 0));
        props.add(new IntegerProperty(MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(), 0));
        props.add(new IntegerProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), limits.maxPacketBytes()));
        props.add(new IntegerProperty(MqttPropertyType.RECEIVE_MAXIMUM.value(), limits.inflightPerConnection()));
        if (effective != requested) {
            props.add(new IntegerProperty(MqttPropertyType.SERVER_KEEP_ALIVE.value(), effective));
        }
        return props;
    }

    private DeviceSession.Will will(MqttConnectMessage connect, String deviceId) {
        if (!connect.variableHeader().isWillFlag()) {
            return null;
        }
        String topic = connect.payload().willTopic();
        if (!DeviceTopic.uplink(deviceId, MessageKind.STATUS).equals(topic)) {
            services.metrics().reject("will_topic");
            log.info("device={} will on {} ignored: only its own status topic is allowed", deviceId, topic);
            return null;
        }
        return new DeviceSession.Will(topic, connect.payload().willMessageInBytes());
    }
}
