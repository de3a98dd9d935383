package care.anxin.gateway.mqtt;

import care.anxin.gateway.ops.GatewayMetrics;
import care.anxin.gateway.session.DeviceSession;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;

/**
 * Packets the MQTT decoder could not read: oversize (DISCONNECT 0x95), unsupported protocol
 * version (CONNACK 1 / 0x84), anything else malformed (DISCONNECT 0x81). Always closes.
 */
@ChannelHandler.Sharable
final class DecodeFailureHandler extends ChannelInboundHandlerAdapter {

    private final GatewayMetrics metrics;

    DecodeFailureHandler(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttMessage m) || m.decoderResult().isSuccess()) {
            ctx.fireChannelRead(msg);
            return;
        }
        Throwable cause = m.decoderResult().cause();
        DeviceSession session = DeviceSession.of(ctx.channel());
        if (cause instanceof TooLongFrameException) {
            Refusals.disconnect(ctx, session, metrics, "oversize", ReasonCodes.PACKET_TOO_LARGE, cause.getMessage());
        } else if (cause instanceof MqttUnacceptableProtocolVersionException && session == null) {
            metrics.connectRefused("protocol_version");
            ctx.writeAndFlush(MqttReplies.connAck(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION,
                    false, MqttProperties.NO_PROPERTIES)).addListener(ChannelFutureListener.CLOSE);
        } else {
            Refusals.disconnect(ctx, session, metrics, "malformed", ReasonCodes.MALFORMED_PACKET,
                    String.valueOf(cause));
        }
    }
}
