package care.anxin.simulator.watch;

import care.anxin.domain.watch.WatchFrame;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated protocol watch on a shared Netty event loop, behaving as the real ones do: it
 * opens with a heartbeat ({@code LK}) and sends nothing else until the platform answers it; a
 * frame the platform must answer ({@link WatchReplies}) stays unanswered-and-kept until its reply
 * comes; when a reply does not come within {@code replyTimeout} the watch drops the connection,
 * reconnects and sends the unanswered frames again (the platform stores them once). While it is
 * offline it keeps the last {@value #OFFLINE_BUFFER} frames, position reports among them sent as
 * {@code UD2} (blind-spot data) later. It answers the platform's commands: {@code CR} with a
 * position, {@code MESSAGE} by showing the text (recorded), {@code UPLOAD} by taking the interval.
 * All state lives on the link's event loop.
 */
public final class WatchLink {

    private static final Logger log = LoggerFactory.getLogger(WatchLink.class);
    private static final int OFFLINE_BUFFER = 30;

    /** What the watch tells its owner (the simulation or a test). */
    public interface Listener {
        /** A text the platform sent (shown on the watch's screen). */
        default void onText(String text) {
        }

        /** The platform asked for a position now ({@code CR}); the owner sends one with {@link #send}. */
        default void onLocate() {
        }

        /** The platform accepted the watch (its first heartbeat was answered). */
        default void onOnline() {
        }
    }

    /** Counters of one watch. */
    public static final class Counters {
        public final LongAdder sent = new LongAdder();
        public final LongAdder replies = new LongAdder();
        public final LongAdder resent = new LongAdder();
        public final LongAdder replyTimeouts = new LongAdder();
        public final LongAdder refused = new LongAdder();
        public final LongAdder texts = new LongAdder();
        public final LongAdder skippedBytes = new LongAdder();
    }

    /** A frame awaiting its reply ({@code type}: the reply's type). */
    private record Sent(String type, String content, long sentNanos) {
    }

    private final EventLoop loop;
    private final String host;
    private final int port;
    private final String deviceId;
    private final String label;
    private final Supplier<String> heartbeat;
    private final Listener listener;
    private final long replyTimeoutNanos;
    private final Counters counters = new Counters();
    private final ArrayDeque<Sent> unanswered = new ArrayDeque<>();
    private final ArrayDeque<String> outbox = new ArrayDeque<>();
    private final AtomicLong uploadSeconds = new AtomicLong();
    private Channel channel;
    private volatile boolean online;
    private boolean wantOnline;
    private int failures;
    private ScheduledFuture<?> watchdog;

    /**
     * @param heartbeat the current {@code LK} content (sent first on every connection)
     */
    public WatchLink(EventLoop loop, String host, int port, String deviceId, String label, Supplier<String> heartbeat,
                     Duration replyTimeout, Listener listener) {
        this.loop = loop;
        this.host = host;
        this.port = port;
        this.deviceId = deviceId;
        this.label = label;
        this.heartbeat = heartbeat;
        this.replyTimeoutNanos = replyTimeout.toNanos();
        this.listener = listener;
    }

    public String deviceId() {
        return deviceId;
    }

    public Counters counters() {
        return counters;
    }

    /** Accepted by the platform: connected and its heartbeat answered. */
    public boolean connected() {
        return online;
    }

    /** The report interval the platform last set with {@code UPLOAD} (0: never). */
    public long uploadSeconds() {
        return uploadSeconds.get();
    }

    public void connect() {
        loop.execute(() -> {
            wantOnline = true;
            if (channel == null) {
                open();
            }
        });
    }

    /** Sends a frame now, or keeps it for after the reconnect while the watch is offline. */
    public void send(String content) {
        loop.execute(() -> {
            if (online) {
                write(content, false);
            } else {
                keep(content);
            }
        });
    }

    /** Simulated loss of coverage: the socket goes away without a goodbye; no reconnect until {@link #connect}. */
    public void dropConnection() {
        loop.execute(() -> {
            wantOnline = false;
            closeChannel();
        });
    }

    public void close() {
        dropConnection();
    }

    private void open() {
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new WatchFrameDecoder(counters.skippedBytes), new Handler());
                    }
                });
        channel = bootstrap.connect(host, port).addListener(f -> {
            if (!f.isSuccess()) {
                if (failures == 0) {
                    log.info("{} ({}) cannot connect yet: {}", deviceId, label, f.cause().getMessage());
                }
                channel = null;
                scheduleReconnect();
            }
        }).channel();
    }

    private final class Handler extends SimpleChannelInboundHandler<WatchFrame> {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            // The login: a heartbeat, answered before anything else is sent.
            writeRaw(ctx.channel(), heartbeat.get(), true);
            watchdog = loop.scheduleAtFixedRate(WatchLink.this::checkReplies, 1, 1, TimeUnit.SECONDS);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WatchFrame frame) {
            onFrame(ctx.channel(), frame);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel() != channel) {
                return;
            }
            if (!online && wantOnline) {
                counters.refused.increment(); // closed before the login was answered: not (or no longer) registered
                log.info("{} ({}): the platform closed the connection before answering the login", deviceId, label);
            } else if (wantOnline) {
                log.info("{} ({}) lost its connection", deviceId, label);
            }
            online = false;
            channel = null;
            unanswered.removeIf(s -> s.type().equals("LK")); // the next connection logs in with a fresh heartbeat
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            scheduleReconnect();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("{}: {}", deviceId, cause.toString());
            ctx.close();
        }
    }

    private void onFrame(Channel ch, WatchFrame frame) {
        String type = frame.type();
        if (removeAnswered(type)) {
            counters.replies.increment();
            if (type.equals("LK") && !online) {
                online = true;
                failures = 0;
                listener.onOnline();
                flush(ch);
            }
            return;
        }
        switch (type) {
            case "CR" -> {
                writeRaw(ch, "CR", false);
                listener.onLocate();
            }
            case "MESSAGE" -> {
                writeRaw(ch, "MESSAGE", false);
                String text;
                try {
                    text = WatchFrame.fromUtf16Hex(frame.fields().isEmpty() ? "" : frame.fields().get(0));
                } catch (IllegalArgumentException e) {
                    log.warn("{} ({}) received a text message it cannot read: {}", deviceId, label, frame);
                    return;
                }
                counters.texts.increment();
                listener.onText(text);
            }
            case "UPLOAD" -> {
                writeRaw(ch, "UPLOAD", false);
                try {
                    uploadSeconds.set(Long.parseLong(frame.fields().get(0).trim()));
                } catch (RuntimeException e) {
                    log.warn("{} ({}): unreadable UPLOAD {}", deviceId, label, frame);
                }
            }
            default -> {
                log.info("{} ({}) answers an unknown command politely: {}", deviceId, label, frame);
                writeRaw(ch, type, false);
            }
        }
    }

    /** Removes the oldest unanswered frame of this type; false if none was waiting (then it is a command). */
    private boolean removeAnswered(String type) {
        for (Iterator<Sent> it = unanswered.iterator(); it.hasNext(); ) {
            if (it.next().type().equals(type)) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    /** After the login was answered: first what was never answered, then what waited offline. */
    private void flush(Channel ch) {
        ArrayDeque<Sent> again = new ArrayDeque<>(unanswered);
        unanswered.clear();
        for (Sent s : again) {
            counters.resent.increment();
            write(s.content(), true);
        }
        while (!outbox.isEmpty() && ch.isActive()) {
            write(outbox.poll(), false);
        }
    }

    private void write(String content, boolean resend) {
        if (channel == null || !channel.isActive()) {
            keep(content);
            return;
        }
        writeRaw(channel, content, resend);
    }

    private void writeRaw(Channel ch, String content, boolean resend) {
        WatchFrame frame = WatchContent.frame(deviceId, content);
        String reply = WatchReplies.replyTo(frame.type());
        if (reply != null) {
            unanswered.add(new Sent(reply, content, System.nanoTime()));
        }
        if (!resend) {
            counters.sent.increment();
        }
        ch.writeAndFlush(Unpooled.wrappedBuffer(frame.encode()), ch.voidPromise());
    }

    private void keep(String content) {
        // A position taken while offline goes out later as blind-spot data (UD2).
        String kept = content.startsWith("UD,") ? "UD2" + content.substring(2) : content;
        if (outbox.size() == OFFLINE_BUFFER) {
            outbox.poll();
        }
        outbox.add(kept);
    }

    private void checkReplies() {
        Sent oldest = unanswered.peek();
        if (oldest != null && channel != null && System.nanoTime() - oldest.sentNanos() > replyTimeoutNanos) {
            counters.replyTimeouts.increment();
            log.info("{} ({}): no reply to {} within {} s; reconnecting to send it again", deviceId, label,
                    oldest.type(), TimeUnit.NANOSECONDS.toSeconds(replyTimeoutNanos));
            closeChannel();
        }
    }

    private void closeChannel() {
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    private void scheduleReconnect() {
        if (!wantOnline || loop.isShuttingDown()) {
            return;
        }
        long delayMs = Math.min(30_000, 1000L << Math.min(5, failures++)) + (long) (Math.random() * 500);
        loop.schedule(() -> {
            if (wantOnline && channel == null) {
                open();
            }
        }, delayMs, TimeUnit.MILLISECONDS);
    }
}
