package care.anxin.gateway.mqtt;

import care.anxin.gateway.ops.GatewayMetrics;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Silence limits from the "idle" IdleStateHandler: before CONNECT the connect timeout, after it
 * 1.5 x the device's keepalive. A silent device is disconnected (MQTT 5: 0x8D) and later reported offline.
 */
@ChannelHandler.Sharable
public class KeepaliveHandler extends ChannelInboundHandlerAdapter {

    private final GatewayMetrics metrics;

    public KeepaliveHandler(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        DeviceSession session = ctx.channel().attr(DeviceSession.KEY).get();
        if (session == null) {
            metrics.reject("connect_timeout");
            ctx.close();
            return;
        }
        session.endReason("keepalive");
        Refusals.disconnect(ctx, session, metrics, "keepalive", ReasonCodes.KEEP_ALIVE_TIMEOUT,
                "nothing received for 1.5 x keepalive");
    }
}
