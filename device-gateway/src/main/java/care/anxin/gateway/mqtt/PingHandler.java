package care.anxin.gateway.mqtt;

import care.anxin.gateway.ingest.DeviceActivityTracker;
import care.anxin.gateway.session.DeviceSession;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import java.time.Clock;
import java.time.Instant;

/** PINGREQ: answered with PINGRESP and counted as a sign of life (device last_seen). */
@ChannelHandler.Sharable
final class PingHandler extends ChannelInboundHandlerAdapter {

    private final DeviceActivityTracker activity;
    private final Clock clock;

    PingHandler(DeviceActivityTracker activity, Clock clock) {
        this.activity = activity;
        this.clock = clock;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttMessage m && m.fixedHeader().messageType() == MqttMessageType.PINGREQ) {
            activity.seen(DeviceSession.of(ctx.channel()).deviceId(), Instant.now(clock), null, null);
            ctx.writeAndFlush(MqttMessage.PINGRESP);
        } else {
            ctx.fireChannelRead(msg);
        }
    }
}
