package care.anxin.gateway.watch;

import care.anxin.domain.watch.WatchFrame;
import care.anxin.gateway.ops.GatewayMetrics;
import care.anxin.gateway.session.DeviceSession;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose next complete frame does not come in time: the first within
 * {@code firstFrame} of the accept, every later one within {@code idle} of the previous. Only
 * complete frames count, so a client trickling a byte at a time (slow loris) is closed all the
 * same. One per connection, after the frame decoder.
 */
final class WatchIdleHandler extends ChannelInboundHandlerAdapter {

    private final long firstFrameNanos;
    private final long idleNanos;
    private final GatewayMetrics metrics;
    private long lastFrame;
    private boolean sawFrame;
    private ScheduledFuture<?> timer;

    WatchIdleHandler(Duration firstFrame, Duration idle, GatewayMetrics metrics) {
        this.firstFrameNanos = firstFrame.toNanos();
        this.idleNanos = idle.toNanos();
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        lastFrame = System.nanoTime();
        schedule(ctx, firstFrameNanos);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof WatchFrame) {
            lastFrame = System.nanoTime();
            sawFrame = true;
        }
        ctx.fireChannelRead(msg);
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        timer = ctx.executor().schedule(() -> check(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        long limit = sawFrame ? idleNanos : firstFrameNanos;
        long left = lastFrame + limit - System.nanoTime();
        if (left > 0) {
            schedule(ctx, left);
            return;
        }
        metrics.reject(sawFrame ? "idle" : "connect_timeout");
        DeviceSession session = DeviceSession.of(ctx.channel());
        if (session != null) {
            session.endReason("idle");
        }
        ctx.close();
    }
}
