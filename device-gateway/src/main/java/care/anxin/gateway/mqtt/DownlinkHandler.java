package care.anxin.gateway.mqtt;

import care.anxin.domain.wire.DeviceTopic;
import care.anxin.gateway.downlink.CommandDispatcher;
import care.anxin.gateway.ops.GatewayMetrics;
import care.anxin.gateway.session.DeviceSession;
import care.anxin.store.ingest.SessionRepository;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command topic: SUBSCRIBE (only the device's own command topic; QoS 2 granted as 1),
 * UNSUBSCRIBE, and the device's PUBACKs for command PUBLISHes. Persistent sessions remember the
 * subscription in the database.
 */
@ChannelHandler.Sharable
final class DownlinkHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(DownlinkHandler.class);

    private final CommandDispatcher dispatcher;
    private final SessionRepository sessions;
    private final Executor db;
    private final GatewayMetrics metrics;

    DownlinkHandler(CommandDispatcher dispatcher, SessionRepository sessions, Executor db,
                           GatewayMetrics metrics) {
        this.dispatcher = dispatcher;
        this.sessions = sessions;
        this.db = db;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DeviceSession session = DeviceSession.of(ctx.channel());
        if (msg instanceof MqttSubscribeMessage sub) {
            subscribe(ctx, session, sub);
        } else if (msg instanceof MqttUnsubscribeMessage unsub) {
            unsubscribe(ctx, session, unsub);
        } else if (msg instanceof MqttMessage m && m.fixedHeader().messageType() == MqttMessageType.PUBACK) {
            int packetId = ((MqttPubReplyMessageVariableHeader) m.variableHeader()).messageId();
            Long commandId = MqttLink.of(session).finishCommand(packetId);
            if (commandId != null) {
                dispatcher.acknowledged(session, commandId);
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void subscribe(ChannelHandlerContext ctx, DeviceSession session, MqttSubscribeMessage sub) {
        String own = DeviceTopic.command(session.deviceId());
        int n = sub.payload().topicSubscriptions().size();
        int[] codes = new int[n];
        boolean granted = false;
        for (int i = 0; i < n; i++) {
            MqttTopicSubscription t = sub.payload().topicSubscriptions().get(i);
            if (own.equals(t.topicFilter())) {
                codes[i] = Math.min(t.qualityOfService().value(), MqttQoS.AT_LEAST_ONCE.value());
                granted = true;
            } else {
                codes[i] = (MqttLink.of(session).mqtt5() ? ReasonCodes.NOT_AUTHORIZED : ReasonCodes.SUBACK_FAILURE_V3) & 0xFF;
                metrics.reject("acl_subscribe");
                log.info("device={} not authorized to subscribe to {}", session.deviceId(), t.topicFilter());
            }
        }
        ctx.writeAndFlush(new MqttSubAckMessage(
                new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttMessageIdAndPropertiesVariableHeader(sub.idAndPropertiesVariableHeader().messageId(),
                        MqttProperties.NO_PROPERTIES),
                new MqttSubAckPayload(codes)));
        if (granted) {
            session.subscribed(true);
            remember(ctx, session, true);
            dispatcher.dispatch(session);
        }
    }

    private void unsubscribe(ChannelHandlerContext ctx, DeviceSession session, MqttUnsubscribeMessage unsub) {
        String own = DeviceTopic.command(session.deviceId());
        int n = unsub.payload().topics().size();
        short[] codes = new short[n];
        for (int i = 0; i < n; i++) {
            if (own.equals(unsub.payload().topics().get(i))) {
                session.subscribed(false);
                remember(ctx, session, false);
            } else {
                codes[i] = 0x11; // MQTT 5: no subscription existed
            }
        }
        int packetId = unsub.idAndPropertiesVariableHeader().messageId();
        MqttFixedHeader header = new MqttFixedHeader(MqttMessageType.UNSUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0);
        ctx.writeAndFlush(MqttLink.of(session).mqtt5()
                ? new MqttUnsubAckMessage(header, new MqttMessageIdAndPropertiesVariableHeader(packetId,
                        MqttProperties.NO_PROPERTIES), new MqttUnsubAckPayload(codes))
                : new MqttUnsubAckMessage(header, MqttMessageIdVariableHeader.from(packetId)));
    }

    /**
     * Persists the subscription of a persistent session on the bounded pool. The connection is not
     * read while its write is pending (one write per connection at a time); a full pool ends the
     * connection as server busy and the device resubscribes later.
     */
    private void remember(ChannelHandlerContext ctx, DeviceSession session, boolean subscribed) {
        if (MqttLink.of(session).cleanSession()) {
            return;
        }
        ctx.channel().config().setAutoRead(false);
        try {
            db.execute(() -> {
                try {
                    sessions.save(session.deviceId(), subscribed);
                } catch (RuntimeException e) {
                    log.warn("device={} cannot store session state: {}", session.deviceId(), e.toString());
                } finally {
                    ctx.executor().execute(() -> {
                        if (!session.readPaused()) {
                            ctx.channel().config().setAutoRead(true);
                        }
                    });
                }
            });
        } catch (RejectedExecutionException e) {
            Refusals.disconnect(ctx, session, metrics, "downlink_busy", ReasonCodes.SERVER_BUSY,
                    "session state cannot be stored now");
        }
    }
}
