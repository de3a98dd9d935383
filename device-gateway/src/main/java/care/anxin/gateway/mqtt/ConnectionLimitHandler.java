package care.anxin.gateway.mqtt;

import care.anxin.gateway.ops.GatewayMetrics;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hard cap on open sockets (authenticated or not), so a flood of idle TCP connections cannot
 * exhaust file descriptors; the MQTT-level limit (CONNACK 0x97) is checked at CONNECT.
 */
@ChannelHandler.Sharable
final class ConnectionLimitHandler extends ChannelInboundHandlerAdapter {

    private final int maxSockets;
    private final GatewayMetrics metrics;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionLimitHandler(int maxConnections, GatewayMetrics metrics) {
        // Headroom above the session limit so refused clients still get their CONNACK 0x97.
        this.maxSockets = maxConnections + Math.max(16, maxConnections / 10);
        this.metrics = metrics;
        metrics.gauge("anxin.gateway.sockets", "Open TCP connections", open::get);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (open.incrementAndGet() > maxSockets) {
            metrics.reject("sockets");
            ctx.close();
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open.decrementAndGet();
        ctx.fireChannelInactive();
    }
}
