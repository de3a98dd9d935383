package care.anxin.gateway.mqtt;

import care.anxin.gateway.lifecycle.SessionLifecycle;
import care.anxin.gateway.ops.GatewayMetrics;
import care.anxin.gateway.session.DeviceSession;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.util.ReferenceCountUtil;

/**
 * The end of a connection: DISCONNECT (the will is dropped unless MQTT 5 reason 0x04 asks for it),
 * and when the socket closes the shared session lifecycle (will, presence). Any packet no earlier
 * handler took (AUTH, PUBREC, PUBREL, PUBCOMP, server-side packets) is a protocol error.
 */
@ChannelHandler.Sharable
final class DisconnectHandler extends ChannelInboundHandlerAdapter {

    /** MQTT 5 DISCONNECT reason "disconnect with will message". */
    private static final byte DISCONNECT_WITH_WILL = 0x04;

    private final SessionLifecycle lifecycle;
    private final GatewayMetrics metrics;

    DisconnectHandler(SessionLifecycle lifecycle, GatewayMetrics metrics) {
        this.lifecycle = lifecycle;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DeviceSession session = DeviceSession.of(ctx.channel());
        if (!(msg instanceof MqttMessage m)) {
            ctx.fireChannelRead(msg);
            return;
        }
        MqttMessageType type = m.fixedHeader().messageType();
        ReferenceCountUtil.release(msg);
        if (type == MqttMessageType.DISCONNECT) {
            boolean keepWill = m.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader h
                    && h.reasonCode() == DISCONNECT_WITH_WILL;
            if (!keepWill) {
                session.clearWill();
            }
            session.endReason("disconnect");
            ctx.close();
            return;
        }
        Refusals.disconnect(ctx, session, metrics, "protocol", ReasonCodes.PROTOCOL_ERROR, type + " is not supported");
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        DeviceSession session = DeviceSession.of(ctx.channel());
        if (session != null) {
            lifecycle.closed(session);
        }
        ctx.fireChannelInactive();
    }
}
