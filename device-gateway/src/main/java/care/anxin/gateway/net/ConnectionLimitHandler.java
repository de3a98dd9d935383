package care.anxin.gateway.net;

import care.anxin.gateway.ops.GatewayMetrics;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hard caps on open sockets, authenticated or not: in total (so a flood of idle TCP connections
 * cannot exhaust file descriptors) and per real address (so one host cannot take them all; a
 * carrier NAT address legitimately carries many devices, hence a generous default). The
 * session-level limit (CONNACK 0x97) is checked at login. Shared by all listeners.
 */
@ChannelHandler.Sharable
public final class ConnectionLimitHandler extends ChannelInboundHandlerAdapter {

    public static final String NAME = "connectionLimit";
    private static final AttributeKey<String> COUNTED = AttributeKey.valueOf("anxin.countedAddress");

    private final int maxSockets;
    private final int maxPerAddress;
    private final GatewayMetrics metrics;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentMap<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    public ConnectionLimitHandler(int maxConnections, int maxPerAddress, GatewayMetrics metrics) {
        // Headroom above the session limit so refused clients still get their CONNACK 0x97.
        this.maxSockets = maxConnections + Math.max(16, maxConnections / 10);
        this.maxPerAddress = maxPerAddress;
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
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == RemoteAddress.Resolved.EVENT && ctx.channel().isActive()) {
            String address = RemoteAddress.of(ctx.channel());
            AtomicInteger n = perAddress.computeIfAbsent(address, k -> new AtomicInteger());
            ctx.channel().attr(COUNTED).set(address);
            if (n.incrementAndGet() > maxPerAddress) {
                metrics.reject("sockets_per_address");
                ctx.close();
                return;
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open.decrementAndGet();
        String address = ctx.channel().attr(COUNTED).getAndSet(null);
        if (address != null) {
            perAddress.computeIfPresent(address, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
        }
        ctx.fireChannelInactive();
    }
}
