package care.anxin.gateway.watch;

import care.anxin.domain.watch.WatchFrame;
import care.anxin.domain.wire.DecodeResult;
import care.anxin.gateway.ingest.IngestOutcome;
import care.anxin.gateway.ingest.Submission;
import care.anxin.gateway.session.DeviceSession;
import care.anxin.gateway.session.PendingAck;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A logged-in watch's frames: decoded by {@link WatchProtocolDecoder}, their messages handed to the
 * shared group-commit writer, and the reply the protocol expects written only when every message
 * of the frame is committed — in arrival order, except alarms carrying an SOS or fall, answered
 * the moment their urgent events are committed. Answers to platform commands mark them delivered.
 * The end of the connection goes to the shared session lifecycle (presence).
 */
@ChannelHandler.Sharable
final class WatchIngestHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(WatchIngestHandler.class);
    /** Metric tags: known types by name, every {@code AL...} as AL, anything else "unknown". */
    private static final Set<String> TAGGED = Set.of("LK", "UD", "UD2", "UD_LTE", "UD_WCDMA", "WT", "bphrt", "heart",
            "oxygen", "btemp2", "TK", "CR", "MESSAGE", "UPLOAD");

    private final WatchServices services;
    private final WatchProtocolDecoder decoder = new WatchProtocolDecoder();

    WatchIngestHandler(WatchServices services) {
        this.services = services;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WatchFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        DeviceSession session = DeviceSession.of(ctx.channel());
        long arrived = System.nanoTime();
        if (!session.uplinkRate().tryAcquire(arrived)) {
            throttle(ctx, session);
        }
        String type = frame.type();
        services.metrics().watchFrame(TAGGED.contains(type) ? type : type.startsWith("AL") ? "AL" : "unknown");
        Instant receivedAt = Instant.now(services.clock());
        WatchUplink uplink = decoder.decode(frame, receivedAt);
        if (uplink.unknown()) {
            log.info("device={} unknown frame type {} ({} bytes), answered and ignored", session.deviceId(),
                    uplink.reply() != null ? uplink.reply() : "?", frame.content().length);
        }
        if (uplink.fix() != null) {
            services.metrics().watchFix(uplink.fix());
        }
        if (uplink.commandAnswer() != null) {
            Long command = WatchLink.of(session).finishCommand(uplink.commandAnswer());
            if (command != null) {
                services.downlink().acknowledged(session, command);
            }
        }
        List<Submission> submissions = new ArrayList<>();
        for (WatchUplink.Part part : uplink.parts()) {
            services.metrics().messageIn(part.kind().name());
            if (part.decoded() instanceof DecodeResult.Rejected r) {
                services.metrics().reject("payload");
                log.info("device={} invalid {} frame: {}", session.deviceId(), type, r.summary());
            }
            Submission s = new Submission(session.deviceId(), session.elderId(), "watch/" + session.deviceId() + "/" + type,
                    part.kind(), part.decoded(), part.payload(), receivedAt, session.remoteAddress());
            if (!services.writer().submit(s)) {
                // Hard bound hit (or shutting down): no reply, the watch resends after reconnecting.
                services.metrics().reject("overloaded");
                log.warn("device={} ingest queue full, closing connection without reply", session.deviceId());
                ctx.close();
                return;
            }
            submissions.add(s);
        }
        WatchFrame reply = uplink.reply() == null ? null : frame.reply(uplink.reply());
        CompletableFuture<Void> all = CompletableFuture.allOf(
                submissions.stream().map(Submission::done).toArray(CompletableFuture[]::new));
        List<Submission> urgent = submissions.stream().filter(Submission::urgent).toList();
        if (!urgent.isEmpty()) {
            replyWhenUrgentStored(ctx, session, urgent, all, reply, arrived);
            return;
        }
        PendingAck ack = new PendingAck(0, arrived, reply);
        session.pendingAcks.add(ack);
        services.gate().admitted(session);
        all.whenComplete((ok, failure) -> ctx.executor().execute(() -> {
            if (failure != null) {
                // Never answered; the connection goes so the watch resends after reconnecting.
                ctx.close();
                return;
            }
            ack.outcome = IngestOutcome.STORED;
            flushReplies(ctx, session);
        }));
    }

    /**
     * Over the frame rate: this frame is handled, but the socket is not read again until a token is
     * back — a watch emptying its buffered UD2 reports after a day offline is slowed, not cut off
     * (it would resend everything after a reconnect), and a flooding client only fills its own
     * TCP window.
     */
    private void throttle(ChannelHandlerContext ctx, DeviceSession session) {
        services.metrics().reject("rate_throttled");
        ctx.channel().config().setAutoRead(false);
        long pauseNanos = (long) (1_000_000_000L / Math.max(0.001, services.properties().limits().messagesPerSecond()));
        ctx.executor().schedule(() -> {
            if (ctx.channel().isActive() && !session.readPaused()) {
                ctx.channel().config().setAutoRead(true);
                ctx.read();
            }
        }, pauseNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** SOS/fall: answered the moment the urgent events are committed, not behind earlier frames' replies. */
    private void replyWhenUrgentStored(ChannelHandlerContext ctx, DeviceSession session, List<Submission> urgent,
                                       CompletableFuture<Void> all, WatchFrame reply, long arrived) {
        services.gate().admitted(session);
        CompletableFuture.allOf(urgent.stream().map(Submission::done).toArray(CompletableFuture[]::new))
                .whenComplete((ok, failure) -> ctx.executor().execute(() -> {
                    if (failure != null) {
                        ctx.close();
                    } else if (reply != null && ctx.channel().isActive()) {
                        ctx.writeAndFlush(reply);
                        services.metrics().watchReply(System.nanoTime() - arrived);
                    }
                }));
        all.whenComplete((ok, failure) -> ctx.executor().execute(() -> {
            services.gate().completed(session);
            if (failure != null) {
                ctx.close();
            }
        }));
    }

    /** Writes the replies at the head of the queue whose frames are committed, in arrival order. */
    private void flushReplies(ChannelHandlerContext ctx, DeviceSession session) {
        boolean wrote = false;
        while (!session.pendingAcks.isEmpty() && session.pendingAcks.peek().outcome != null) {
            PendingAck ack = session.pendingAcks.poll();
            if (ack.reply != null && ctx.channel().isActive()) {
                ctx.write(ack.reply);
                services.metrics().watchReply(System.nanoTime() - ack.receivedNanos);
                wrote = true;
            }
            services.gate().completed(session);
        }
        if (wrote) {
            ctx.flush();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        DeviceSession session = DeviceSession.of(ctx.channel());
        if (session != null) {
            if (!session.pendingAcks.isEmpty()) {
                services.gate().abandoned(session, session.pendingAcks.size());
                session.pendingAcks.clear();
            }
            services.lifecycle().closed(session);
        }
        ctx.fireChannelInactive();
    }
}
