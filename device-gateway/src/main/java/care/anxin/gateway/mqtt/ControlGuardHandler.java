package care.anxin.gateway.mqtt;

import care.anxin.gateway.ops.GatewayMetrics;
import care.anxin.gateway.session.DeviceSession;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.util.ReferenceCountUtil;

/**
 * Rates of control packets per connection: SUBSCRIBE + UNSUBSCRIBE (each may cost database work)
 * and PINGREQ. Past its token bucket a connection is disconnected (MQTT 5: 0x96), like a PUBLISH flood.
 */
@ChannelHandler.Sharable
final class ControlGuardHandler extends ChannelInboundHandlerAdapter {

    private final GatewayMetrics metrics;

    ControlGuardHandler(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttMessage m) {
            DeviceSession session = DeviceSession.of(ctx.channel());
            MqttLink link = MqttLink.of(session);
            boolean allowed = switch (m.fixedHeader().messageType()) {
                case SUBSCRIBE, UNSUBSCRIBE -> link.subscribeRate().tryAcquire(System.nanoTime());
                case PINGREQ -> link.pingRate().tryAcquire(System.nanoTime());
                default -> true;
            };
            if (!allowed) {
                ReferenceCountUtil.release(msg);
                Refusals.disconnect(ctx, session, metrics, "control_rate", ReasonCodes.MESSAGE_RATE_TOO_HIGH,
                        m.fixedHeader().messageType() + " faster than allowed");
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }
}
