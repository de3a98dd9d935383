package care.anxin.gateway.watch;

import care.anxin.domain.device.DeviceProtocol;
import care.anxin.domain.watch.WatchFrame;
import care.anxin.gateway.auth.AuthResult;
import care.anxin.gateway.auth.LoginGate;
import care.anxin.gateway.auth.LoginRefusal;
import care.anxin.gateway.limit.TokenBucket;
import care.anxin.gateway.net.RemoteAddress;
import care.anxin.gateway.session.DeviceSession;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watch names itself in its first frame; the protocol has no password, so the id goes through
 * the shared {@link LoginGate} as a WATCH login (registered for this protocol, enabled, bound; the
 * same failure buckets, per-address caps and queue as MQTT logins). A refused id gets no answer:
 * the connection is closed {@code failureDelay} after the frame arrived, known or unknown alike.
 * Frames that arrive during the check wait (a few at most); every later frame must carry the same
 * id. One per connection.
 */
final class WatchLoginHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(WatchLoginHandler.class);
    /** Frames a watch may send before its login is checked (it normally waits for the LK reply). */
    private static final int MAX_WAITING = 16;

    private final WatchServices services;
    private final List<WatchFrame> waiting = new ArrayList<>();
    private boolean checking;
    private DeviceSession session;

    WatchLoginHandler(WatchServices services) {
        this.services = services;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WatchFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (session != null) {
            if (!frame.deviceId().equals(session.deviceId())) {
                services.metrics().reject("device_id");
                log.info("device={} frame naming {} on its connection, closing", session.deviceId(), frame.deviceId());
                ctx.close();
                return;
            }
            ctx.fireChannelRead(frame);
            return;
        }
        if (checking) {
            if (waiting.size() >= MAX_WAITING) {
                services.metrics().reject("protocol");
                ctx.close();
            } else {
                waiting.add(frame);
            }
            return;
        }
        checking = true;
        login(ctx, frame, System.nanoTime());
    }

    private void login(ChannelHandlerContext ctx, WatchFrame first, long arrived) {
        Channel channel = ctx.channel();
        String id = first.deviceId();
        if (services.registry().size() >= services.properties().limits().maxConnections()
                && services.registry().get(id).isEmpty()) {
            refuse(ctx, id, LoginRefusal.QUOTA_EXCEEDED, "connection limit reached", arrived);
            return;
        }
        channel.config().setAutoRead(false);
        LoginGate.Attempt attempt = new LoginGate.Attempt(DeviceProtocol.WATCH, id, new byte[0], RemoteAddress.of(channel),
                RemoteAddress.prefix(channel), false, channel::isActive);
        services.login().check(attempt).thenAccept(admission -> ctx.executor().execute(() -> {
            if (!channel.isActive()) {
                return;
            }
            AuthResult r = admission.result();
            if (r.accepted()) {
                open(ctx, first, r);
            } else {
                refuse(ctx, id, r.refusal(), r.detail(), arrived);
            }
        }));
    }

    private void open(ChannelHandlerContext ctx, WatchFrame first, AuthResult r) {
        var limits = services.properties().limits();
        session = new DeviceSession(r.device().deviceId(), r.device().elderId(), ctx.channel(),
                new WatchLink(ctx.channel(), first.manufacturer(), first.deviceId()),
                Instant.now(services.clock()), RemoteAddress.of(ctx.channel()),
                new TokenBucket(limits.messagesPerSecond(), limits.burst(), System.nanoTime()), null);
        session.subscribed(true); // a watch takes commands whenever it is connected
        ctx.channel().attr(DeviceSession.KEY).set(session);
        services.metrics().connectAccepted();
        boolean tookOver = services.lifecycle().opened(session).isPresent();
        log.info("device={} connected from {} (watch, {}{})", session.deviceId(), session.remoteAddress(),
                first.manufacturer(), tookOver ? ", took over" : "");
        ctx.fireChannelRead(first);
        List<WatchFrame> queued = new ArrayList<>(waiting);
        waiting.clear();
        for (WatchFrame f : queued) {
            channelRead(ctx, f);
        }
        ctx.channel().config().setAutoRead(true);
    }

    /** No answer at all: the watch learns nothing about which ids exist. */
    private void refuse(ChannelHandlerContext ctx, String id, LoginRefusal refusal, String detail, long arrived) {
        services.metrics().connectRefused(refusal.tag());
        log.info("device={} refused ({}) on the watch port from {}: {}", id, refusal.tag(),
                RemoteAddress.of(ctx.channel()), detail);
        ctx.channel().config().setAutoRead(false);
        waiting.clear();
        boolean overload = refusal == LoginRefusal.QUOTA_EXCEEDED || refusal == LoginRefusal.SERVER_BUSY;
        long delay = overload ? 0 : services.properties().auth().failureDelay().toNanos() - (System.nanoTime() - arrived);
        ctx.executor().schedule(() -> ctx.close(), Math.max(0, delay), TimeUnit.NANOSECONDS);
    }
}
