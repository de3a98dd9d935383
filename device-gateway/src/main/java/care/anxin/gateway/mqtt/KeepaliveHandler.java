package care.anxin.gateway.mqtt;

import care.anxin.gateway.ops.GatewayMetrics;
import care.anxin.gateway.session.DeviceSession;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Silence after CONNACK (the keepalive timer's event: nothing received for 1.5 x keepalive): the
 * device is disconnected (MQTT 5: 0x8D) and later reported offline.
 */
@ChannelHandler.Sharable
final class KeepaliveHandler extends ChannelInboundHandlerAdapter {

    private final GatewayMetrics metrics;

    KeepaliveHandler(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        DeviceSession session = DeviceSession.of(ctx.channel());
        if (session == null) {
            ctx.close();
            return;
        }
        session.endReason("keepalive");
        Refusals.disconnect(ctx, session, metrics, "keepalive", ReasonCodes.KEEP_ALIVE_TIMEOUT,
                "nothing received for 1.5 x keepalive");
    }
}
