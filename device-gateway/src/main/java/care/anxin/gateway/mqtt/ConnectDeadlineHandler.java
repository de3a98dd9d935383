package care.anxin.gateway.mqtt;

import care.anxin.gateway.ops.GatewayMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An absolute deadline from accept to CONNACK, whatever the client sends meanwhile (a byte every
 * few seconds keeps no socket open). Removes itself when the device is accepted. One per connection.
 */
final class ConnectDeadlineHandler extends ChannelInboundHandlerAdapter {

    private final Duration deadline;
    private final GatewayMetrics metrics;
    private ScheduledFuture<?> timer;

    ConnectDeadlineHandler(Duration deadline, GatewayMetrics metrics) {
        this.deadline = deadline;
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timer = ctx.executor().schedule(() -> {
            if (ctx.channel().isActive()) {
                metrics.reject("connect_timeout");
                ctx.close();
            }
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == MqttEvents.CONNECT_ACCEPTED) {
            ctx.pipeline().remove(this);
        }
        ctx.fireUserEventTriggered(evt);
    }
}
