package care.anxin.gateway.mqtt;

import care.anxin.domain.wire.DeviceTopic;
import care.anxin.gateway.ingest.DeviceActivityTracker;
import care.anxin.gateway.ops.GatewayMetrics;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Policy for an authenticated connection before anything is stored: keepalive pings, DISCONNECT,
 * and for PUBLISH the QoS (2 unsupported), the message rate and the topic ACL (a device publishes
 * only under its own id).
 */
@ChannelHandler.Sharable
public class PublishGuardHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(PublishGuardHandler.class);
    /** MQTT 5 DISCONNECT reason "disconnect with will message". */
    private static final byte DISCONNECT_WITH_WILL = 0x04;

    private final GatewayMetrics metrics;
    private final DeviceActivityTracker activity;
    private final Clock clock;

    public PublishGuardHandler(GatewayMetrics metrics, DeviceActivityTracker activity, Clock clock) {
        this.metrics = metrics;
        this.activity = activity;
        this.clock = clock;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DeviceSession session = ctx.channel().attr(DeviceSession.KEY).get();
        MqttMessage m = (MqttMessage) msg;
        MqttMessageType type = m.fixedHeader().messageType();
        switch (type) {
            case PINGREQ -> {
                activity.seen(session.deviceId(), Instant.now(clock), null, null);
                ctx.writeAndFlush(MqttMessage.PINGRESP);
            }
            case DISCONNECT -> {
                boolean keepWill = m.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader h
                        && h.reasonCode() == DISCONNECT_WITH_WILL;
                if (!keepWill) {
                    session.clearWill();
                }
                session.endReason("disconnect");
                ctx.close();
            }
            case PUBLISH -> guardPublish(ctx, session, (MqttPublishMessage) msg);
            case AUTH, PUBREC, PUBREL, PUBCOMP -> {
                Refusals.disconnect(ctx, session, metrics, "protocol", ReasonCodes.PROTOCOL_ERROR,
                        type + " is not supported");
            }
            default -> ctx.fireChannelRead(msg);
        }
    }

    private void guardPublish(ChannelHandlerContext ctx, DeviceSession session, MqttPublishMessage publish) {
        MqttQoS qos = publish.fixedHeader().qosLevel();
        if (qos == MqttQoS.EXACTLY_ONCE) {
            publish.release();
            Refusals.disconnect(ctx, session, metrics, "qos2", ReasonCodes.QOS_NOT_SUPPORTED, "QoS 2 PUBLISH");
            return;
        }
        if (!session.rateLimiter().tryAcquire(System.nanoTime())) {
            publish.release();
            Refusals.disconnect(ctx, session, metrics, "rate", ReasonCodes.MESSAGE_RATE_TOO_HIGH,
                    "more messages per second than allowed");
            return;
        }
        String topic = publish.variableHeader().topicName();
        boolean own = DeviceTopic.parseUplink(topic).map(t -> t.deviceId().equals(session.deviceId())).orElse(false);
        if (own) {
            ctx.fireChannelRead(publish);
            return;
        }
        publish.release();
        if (!session.mqtt5()) {
            Refusals.disconnect(ctx, session, metrics, "acl", ReasonCodes.NOT_AUTHORIZED, "publish to " + topic);
            return;
        }
        metrics.reject("acl");
        log.info("device={} not authorized to publish to {}", session.deviceId(), topic);
        if (qos == MqttQoS.AT_LEAST_ONCE) {
            ctx.writeAndFlush(MqttReplies.pubAck(true, publish.variableHeader().packetId(), ReasonCodes.NOT_AUTHORIZED,
                    "not authorized to publish to " + topic));
        }
    }
}
