package care.anxin.simulator.load;

import care.anxin.domain.watch.WatchFrame;
import care.anxin.simulator.watch.WatchContent;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One bench watch on a shared event loop: logs in with a heartbeat, then sends messages (a few
 * frames, the last one answered by the platform) with a bounded number awaiting their reply.
 * Replies carry no id, so they are matched in order per connection (the platform answers a
 * connection's frames in order). Latency runs from the moment a message was due, so a slow
 * platform shows in the percentiles instead of hiding behind a full window. Event-loop only.
 */
public final class WatchLoadConnection extends SimpleChannelInboundHandler<WatchFrame> implements LoadDevice {

    private static final int MAX_OWED = 1_000;

    private final DeviceCredential device;
    private final WatchFrameSource frames;
    private final LoadStats stats;
    private final int window;
    private final ArrayDeque<Long> awaiting = new ArrayDeque<>();
    private final ArrayDeque<Long> owed = new ArrayDeque<>();
    private final CompletableFuture<WatchLoadConnection> loggedIn = new CompletableFuture<>();
    private Channel channel;
    private long sequence;
    private boolean saturate;
    private boolean closing;

    WatchLoadConnection(DeviceCredential device, WatchFrameSource frames, LoadStats stats, int window) {
        this.device = device;
        this.frames = frames;
        this.stats = stats;
        this.window = window;
    }

    public String deviceId() {
        return device.deviceId();
    }

    CompletableFuture<WatchLoadConnection> loggedIn() {
        return loggedIn;
    }

    @Override
    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    @Override
    public void tick() {
        long now = System.nanoTime();
        if (channel == null || !channel.isActive() || closing) {
            return;
        }
        if (awaiting.size() < window && owed.isEmpty()) {
            send(now);
        } else if (owed.size() < MAX_OWED) {
            owed.add(now);
        } else {
            stats.errors.increment(); // so far behind that a real watch would have lost readings
        }
    }

    @Override
    public void saturate() {
        saturate = true;
        while (awaiting.size() < window && channel.isActive()) {
            send(System.nanoTime());
        }
    }

    @Override
    public void close() {
        closing = true;
        saturate = false;
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        write(frames.login(device.deviceId()));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WatchFrame frame) {
        if (!loggedIn.isDone()) {
            if (frame.type().equals("LK")) {
                stats.connected.incrementAndGet();
                loggedIn.complete(this);
            }
            return;
        }
        Long due = awaiting.poll();
        if (due == null) {
            stats.commandsReceived.increment(); // a command from the platform, not a reply to us
            return;
        }
        stats.recordLatency(System.nanoTime() - due);
        stats.acked.increment();
        if (closing) {
            return;
        }
        if (!owed.isEmpty()) {
            send(owed.poll());
        } else if (saturate) {
            send(System.nanoTime());
        }
    }

    private void send(long dueNanos) {
        List<String> contents = frames.frames(device.deviceId(), ++sequence);
        awaiting.add(dueNanos);
        stats.published.increment();
        for (String content : contents) {
            write(content);
        }
        channel.flush();
    }

    private void write(String content) {
        byte[] bytes = WatchContent.frame(device.deviceId(), content).encode();
        ByteBuf buf = channel.alloc().buffer(bytes.length).writeBytes(bytes);
        channel.write(buf, channel.voidPromise());
        if (!loggedIn.isDone()) {
            channel.flush();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (loggedIn.isDone() && !loggedIn.isCompletedExceptionally()) {
            stats.connected.decrementAndGet();
            if (!closing) {
                stats.dropped.increment();
            }
        }
        loggedIn.completeExceptionally(new IllegalStateException(device.deviceId() + ": connection closed before the login was answered"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        stats.errors.increment();
        ctx.close();
    }
}
