package care.anxin.gateway.mqtt;

import care.anxin.domain.wire.DecodeResult;
import care.anxin.domain.wire.DeviceTopic;
import care.anxin.domain.wire.MessageKind;
import care.anxin.domain.wire.UplinkCodec;
import care.anxin.gateway.ingest.GroupCommitWriter;
import care.anxin.gateway.ingest.IngestOutcome;
import care.anxin.gateway.ingest.Submission;
import care.anxin.gateway.ops.GatewayMetrics;
import care.anxin.gateway.session.DeviceSession;
import care.anxin.gateway.session.PendingAck;
import care.anxin.gateway.session.ReadGate;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uplink PUBLISH (already authorized by {@link PublishGuardHandler}): decode and validate, hand
 * to the group-commit writer, and send the PUBACK only when the writer reports the commit — in
 * the order the messages arrived, except SOS/FALL/FALL_CANCELLED which are acknowledged as soon as
 * their own commit is done. Invalid payloads are stored as rejected and answered 0x99.
 */
@ChannelHandler.Sharable
final class IngestHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(IngestHandler.class);

    private final UplinkCodec codec;
    private final GroupCommitWriter writer;
    private final ReadGate gate;
    private final GatewayMetrics metrics;
    private final Clock clock;

    IngestHandler(UplinkCodec codec, GroupCommitWriter writer, ReadGate gate, GatewayMetrics metrics,
                         Clock clock) {
        this.codec = codec;
        this.writer = writer;
        this.gate = gate;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttPublishMessage publish)) {
            ctx.fireChannelRead(msg);
            return;
        }
        DeviceSession session = DeviceSession.of(ctx.channel());
        String topic = publish.variableHeader().topicName();
        int packetId = publish.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE ? publish.variableHeader().packetId() : 0;
        byte[] payload;
        try {
            payload = ByteBufUtil.getBytes(publish.payload());
        } finally {
            publish.release();
        }
        MessageKind kind = DeviceTopic.parseUplink(topic).map(DeviceTopic::kind).orElseThrow();
        metrics.messageIn(kind.name());
        DecodeResult decoded = codec.decode(kind, payload);
        if (decoded instanceof DecodeResult.Rejected r) {
            metrics.reject("payload");
            log.info("device={} invalid {} payload: {}", session.deviceId(), kind, r.summary());
        }
        Submission submission = new Submission(session.deviceId(), session.elderId(), topic, kind, decoded, payload,
                Instant.now(clock), session.remoteAddress());
        PendingAck ack = new PendingAck(packetId, System.nanoTime());
        if (!writer.submit(submission)) {
            // Hard bound hit (or shutting down): drop the connection unacknowledged; the device resends.
            metrics.reject("overloaded");
            log.warn("device={} ingest queue full, closing connection without acknowledgement", session.deviceId());
            session.endReason("disconnect");
            ctx.close();
            return;
        }
        if (submission.urgent()) {
            // SOS/FALL: acknowledged the moment they are committed, not behind earlier messages' PUBACKs.
            gate.admitted(session);
            submission.done().whenComplete((outcome, failure) -> ctx.executor().execute(() -> {
                gate.completed(session);
                if (failure != null) {
                    ctx.close();
                } else if (packetId != 0 && ctx.channel().isActive()) {
                    byte code = outcome.rejected() ? ReasonCodes.PAYLOAD_FORMAT_INVALID : ReasonCodes.SUCCESS;
                    ctx.writeAndFlush(MqttReplies.pubAck(MqttLink.of(session).mqtt5(), packetId, code, outcome.reason()));
                    metrics.puback(System.nanoTime() - ack.receivedNanos);
                }
            }));
            return;
        }
        session.pendingAcks.add(ack);
        gate.admitted(session);
        submission.done().whenComplete((outcome, failure) -> ctx.executor().execute(() -> {
            ack.outcome = failure == null ? outcome : null;
            if (failure != null) {
                // Never acknowledged; the connection goes so the device resends after reconnecting.
                ctx.close();
                return;
            }
            flushAcks(ctx, session);
        }));
    }

    /** Writes the PUBACKs at the head of the queue whose commit is done, in arrival order. */
    private void flushAcks(ChannelHandlerContext ctx, DeviceSession session) {
        boolean wrote = false;
        while (!session.pendingAcks.isEmpty() && session.pendingAcks.peek().outcome != null) {
            PendingAck ack = session.pendingAcks.poll();
            if (ack.packetId != 0 && ctx.channel().isActive()) {
                IngestOutcome o = ack.outcome;
                byte code = o.rejected() ? ReasonCodes.PAYLOAD_FORMAT_INVALID : ReasonCodes.SUCCESS;
                ctx.write(MqttReplies.pubAck(MqttLink.of(session).mqtt5(), ack.packetId, code, o.reason()));
                metrics.puback(System.nanoTime() - ack.receivedNanos);
                wrote = true;
            }
            gate.completed(session);
        }
        if (wrote) {
            ctx.flush();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        DeviceSession session = DeviceSession.of(ctx.channel());
        if (session != null && !session.pendingAcks.isEmpty()) {
            gate.abandoned(session, session.pendingAcks.size());
            session.pendingAcks.clear();
        }
        ctx.fireChannelInactive();
    }
}
