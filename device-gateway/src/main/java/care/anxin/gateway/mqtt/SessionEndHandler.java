package care.anxin.gateway.mqtt;

import care.anxin.domain.wire.MessageKind;
import care.anxin.domain.wire.UplinkCodec;
import care.anxin.gateway.ingest.GroupCommitWriter;
import care.anxin.gateway.ingest.Submission;
import care.anxin.gateway.presence.PresenceTracker;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a connection: publishes the will (stored like any status message) unless the device
 * said DISCONNECT, unregisters the session and starts the offline grace period — except when a
 * newer connection of the same device took over. Last in the pipeline: drops what nobody handled.
 */
@ChannelHandler.Sharable
public class SessionEndHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(SessionEndHandler.class);

    private final SessionRegistry registry;
    private final PresenceTracker presence;
    private final GroupCommitWriter writer;
    private final UplinkCodec codec;
    private final Clock clock;

    public SessionEndHandler(SessionRegistry registry, PresenceTracker presence, GroupCommitWriter writer,
                             UplinkCodec codec, Clock clock) {
        this.registry = registry;
        this.presence = presence;
        this.writer = writer;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        DeviceSession session = ctx.channel().attr(DeviceSession.KEY).get();
        if (session == null) {
            return;
        }
        registry.remove(session);
        if (session.takenOver()) {
            log.info("device={} old connection closed (session taken over)", session.deviceId());
            return;
        }
        DeviceSession.Will will = session.will();
        if (will != null) {
            session.endReason("will");
            Submission s = new Submission(session.deviceId(), session.elderId(), will.topic(), MessageKind.STATUS,
                    codec.decode(MessageKind.STATUS, will.payload()), will.payload(), Instant.now(clock),
                    session.remoteAddress());
            if (!writer.submit(s)) {
                log.warn("device={} will not stored: ingest queue full", session.deviceId());
            }
        }
        log.info("device={} connection closed ({})", session.deviceId(), session.endReason());
        presence.disconnected(session);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        DeviceSession session = ctx.channel().attr(DeviceSession.KEY).get();
        String who = session == null ? String.valueOf(ctx.channel().remoteAddress()) : session.deviceId();
        if (cause instanceof IOException) {
            log.debug("device={} connection error: {}", who, cause.toString());
        } else {
            log.warn("device={} unexpected error, closing: {}", who, cause.toString());
        }
        ctx.close();
    }
}
