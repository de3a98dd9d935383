package care.anxin.gateway.mqtt;

import care.anxin.gateway.ops.GatewayMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * Until the CONNACK: the first packet must be CONNECT (anything else closes the connection), and
 * packets a client sends before its CONNACK (allowed by MQTT) wait here, a few at most, and are
 * released in order once the device is accepted. Removes itself then. One per connection.
 */
final class MessageBarrier extends ChannelInboundHandlerAdapter {

    private static final int MAX_EARLY_PACKETS = 16;

    private final GatewayMetrics metrics;
    private final ArrayDeque<Object> early = new ArrayDeque<>();
    private boolean connectSeen;

    MessageBarrier(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!connectSeen) {
            if (msg instanceof MqttConnectMessage) {
                connectSeen = true;
                ctx.fireChannelRead(msg);
            } else {
                ReferenceCountUtil.release(msg);
                metrics.reject("not_connected");
                ctx.close();
            }
            return;
        }
        if (early.size() >= MAX_EARLY_PACKETS) {
            ReferenceCountUtil.release(msg);
            metrics.reject("early_packets");
            ctx.close();
            return;
        }
        early.add(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == MqttEvents.CONNECT_ACCEPTED) {
            Object m;
            while ((m = early.poll()) != null) {
                ctx.fireChannelRead(m);
            }
            ctx.pipeline().remove(this);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        early.forEach(ReferenceCountUtil::release);
        early.clear();
    }
}
