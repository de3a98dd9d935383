package care.anxin.gateway.mqtt;

import care.anxin.gateway.ops.GatewayMetrics;
import care.anxin.gateway.session.DeviceSession;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ends a connection for a protocol or policy violation: logged, counted, MQTT 5 DISCONNECT with reason. */
final class Refusals {

    private static final Logger log = LoggerFactory.getLogger(Refusals.class);

    private Refusals() {
    }

    static void disconnect(ChannelHandlerContext ctx, DeviceSession session, GatewayMetrics metrics, String reason,
                           byte reasonCode, String detail) {
        metrics.reject(reason);
        String who = session == null ? String.valueOf(ctx.channel().remoteAddress()) : session.deviceId();
        log.info("device={} disconnected ({}): {}", who, reason, detail);
        if (session != null && MqttLink.of(session).mqtt5() && ctx.channel().isActive()) {
            ctx.writeAndFlush(MqttReplies.disconnect(reasonCode)).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
