package care.anxin.gateway.mqtt;

import care.anxin.domain.wire.DeviceTopic;
import care.anxin.gateway.ops.GatewayMetrics;
import care.anxin.gateway.session.DeviceSession;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Policy for an uplink PUBLISH before anything is stored: the QoS (2 unsupported), the message
 * rate and the topic ACL (a device publishes only under its own id).
 */
@ChannelHandler.Sharable
final class PublishGuardHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(PublishGuardHandler.class);

    private final GatewayMetrics metrics;

    PublishGuardHandler(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttPublishMessage publish) {
            guard(ctx, DeviceSession.of(ctx.channel()), publish);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void guard(ChannelHandlerContext ctx, DeviceSession session, MqttPublishMessage publish) {
        MqttQoS qos = publish.fixedHeader().qosLevel();
        if (qos == MqttQoS.EXACTLY_ONCE) {
            publish.release();
            Refusals.disconnect(ctx, session, metrics, "qos2", ReasonCodes.QOS_NOT_SUPPORTED, "QoS 2 PUBLISH");
            return;
        }
        if (!session.uplinkRate().tryAcquire(System.nanoTime())) {
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
        if (!MqttLink.of(session).mqtt5()) {
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
