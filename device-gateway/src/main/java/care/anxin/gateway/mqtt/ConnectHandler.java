package care.anxin.gateway.mqtt;

import care.anxin.domain.wire.DeviceTopic;
import care.anxin.domain.wire.MessageKind;
import care.anxin.gateway.auth.AuthResult;
import care.anxin.gateway.auth.DeviceAuthenticator;
import care.anxin.gateway.auth.LoginThrottle;
import care.anxin.gateway.config.GatewayProperties;
import care.anxin.gateway.downlink.CommandDispatcher;
import care.anxin.gateway.ops.GatewayMetrics;
import care.anxin.gateway.presence.PresenceTracker;
import care.anxin.store.ingest.SessionRepository;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CONNECT and device authentication (one per connection). Nothing but CONNECT is accepted before
 * it succeeds. The secret check (database + BCrypt) runs off the event loop; refusals are answered
 * after a delay, and an address with too many failures is refused without checking.
 */
public class ConnectHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectHandler.class);
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]{3,64}");
    private static final int MAX_EARLY_PACKETS = 16;

    /** Shared collaborators of every connection. */
    public record Deps(DeviceAuthenticator authenticator, LoginThrottle throttle, SessionRegistry registry,
                       SessionRepository sessions, PresenceTracker presence, CommandDispatcher downlink,
                       GatewayMetrics metrics, GatewayProperties properties, Executor authExecutor, Clock clock) {
    }

    private final Deps deps;
    private boolean authenticating;
    private final List<Object> early = new ArrayList<>();

    public ConnectHandler(Deps deps) {
        this.deps = deps;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (ctx.channel().attr(DeviceSession.KEY).get() != null) {
            if (msg instanceof MqttConnectMessage) {
                ReferenceCountUtil.release(msg);
                Refusals.disconnect(ctx, ctx.channel().attr(DeviceSession.KEY).get(), deps.metrics(), "protocol",
                        ReasonCodes.PROTOCOL_ERROR, "second CONNECT");
                return;
            }
            ctx.fireChannelRead(msg);
            return;
        }
        if (authenticating) {
            // Clients may send before CONNACK; hold a few packets until the login completes.
            if (early.size() >= MAX_EARLY_PACKETS) {
                ReferenceCountUtil.release(msg);
                ctx.close();
            } else {
                early.add(msg);
            }
            return;
        }
        if (!(msg instanceof MqttConnectMessage connect)) {
            ReferenceCountUtil.release(msg);
            deps.metrics().reject("not_connected");
            ctx.close();
            return;
        }
        onConnect(ctx, connect);
    }

    private void onConnect(ChannelHandlerContext ctx, MqttConnectMessage connect) {
        boolean mqtt5 = connect.variableHeader().version() == 5;
        String clientId = connect.payload().clientIdentifier();
        String user = connect.payload().userName();
        String address = address(ctx);
        if (clientId == null || !DEVICE_ID.matcher(clientId).matches() || !clientId.equals(user)) {
            refuse(ctx, mqtt5, ConnectRefusal.CLIENT_ID_INVALID, clientId, "client id must equal user name (device id)");
            return;
        }
        if (deps.registry().size() >= deps.properties().limits().maxConnections()
                && deps.registry().get(clientId).isEmpty()) {
            refuse(ctx, mqtt5, ConnectRefusal.QUOTA_EXCEEDED, clientId, "connection limit reached");
            return;
        }
        if (deps.throttle().blocked(address)) {
            refuse(ctx, mqtt5, ConnectRefusal.CONNECTION_RATE_EXCEEDED, clientId, "too many failed logins from " + address);
            return;
        }
        authenticating = true;
        ctx.channel().config().setAutoRead(false);
        byte[] secret = connect.payload().passwordInBytes();
        boolean clean = connect.variableHeader().isCleanSession();
        try {
            deps.authExecutor().execute(() -> {
                AuthResult result;
                Optional<Boolean> stored = Optional.empty();
                try {
                    result = deps.authenticator().authenticate(clientId, secret);
                    if (result.accepted()) {
                        if (clean) {
                            deps.sessions().delete(clientId);
                        } else {
                            stored = deps.sessions().subscribed(clientId);
                        }
                    }
                } catch (RuntimeException e) {
                    result = AuthResult.refused(ConnectRefusal.SERVER_UNAVAILABLE, "database unavailable: " + e);
                }
                AuthResult r = result;
                Optional<Boolean> s = stored;
                ctx.executor().execute(() -> finish(ctx, connect, mqtt5, r, s));
            });
        } catch (RejectedExecutionException e) {
            refuse(ctx, mqtt5, ConnectRefusal.SERVER_UNAVAILABLE, clientId, "login queue full");
        }
    }

    private void finish(ChannelHandlerContext ctx, MqttConnectMessage connect, boolean mqtt5, AuthResult result,
                        Optional<Boolean> storedSession) {
        String deviceId = connect.payload().clientIdentifier();
        if (!ctx.channel().isActive()) {
            releaseEarly();
            return;
        }
        if (!result.accepted()) {
            if (result.refusal() == ConnectRefusal.BAD_CREDENTIALS) {
                deps.throttle().failed(address(ctx));
            }
            refuse(ctx, mqtt5, result.refusal(), deviceId, result.detail());
            return;
        }
        GatewayProperties.Limits limits = deps.properties().limits();
        DeviceSession session = new DeviceSession(deviceId, result.device().elderId(), ctx.channel(), mqtt5,
                connect.variableHeader().isCleanSession(), Instant.now(deps.clock()), address(ctx),
                new RateLimiter(limits.messagesPerSecond(), limits.burst(), System.nanoTime()), will(connect, deviceId));
        session.subscribed(storedSession.orElse(false));
        ctx.channel().attr(DeviceSession.KEY).set(session);
        Optional<DeviceSession> previous = deps.registry().register(session);
        previous.ifPresent(ConnectHandler::takeOver);

        int keepalive = connect.variableHeader().keepAliveTimeSeconds();
        int effective = keepalive == 0 || keepalive > limits.maxKeepaliveSeconds() ? limits.maxKeepaliveSeconds() : keepalive;
        ctx.pipeline().replace("idle", "idle", new IdleStateHandler(effective * 1500L, 0, 0, TimeUnit.MILLISECONDS));

        MqttProperties props = MqttProperties.NO_PROPERTIES;
        if (mqtt5) {
            props = new MqttProperties();
            props.add(new IntegerProperty(MqttPropertyType.MAXIMUM_QOS.value(), 1));
            props.add(new IntegerProperty(MqttPropertyType.RETAIN_AVAILABLE.value(), 0));
            props.add(new IntegerProperty(MqttPropertyType.WILDCARD_SUBSCRIPTION_AVAILABLE.value(), 0));
            props.add(new IntegerProperty(MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE.value(), 0));
            props.add(new IntegerProperty(MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(), 0));
            props.add(new IntegerProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), limits.maxPacketBytes()));
            props.add(new IntegerProperty(MqttPropertyType.RECEIVE_MAXIMUM.value(), limits.inflightPerConnection()));
            if (effective != keepalive) {
                props.add(new IntegerProperty(MqttPropertyType.SERVER_KEEP_ALIVE.value(), effective));
            }
        }
        boolean sessionPresent = !session.cleanSession() && storedSession.isPresent();
        ctx.writeAndFlush(MqttReplies.connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED, sessionPresent, props));
        deps.metrics().connectAccepted();
        log.info("device={} connected from {} (MQTT {}, keepalive {}s, clean {}{})", deviceId, session.remoteAddress(),
                mqtt5 ? "5" : "3.1.1", effective, session.cleanSession(), previous.isPresent() ? ", took over" : "");
        deps.presence().connected(session, previous.isPresent());
        if (session.subscribed()) {
            deps.downlink().dispatch(session);
        }
        authenticating = false;
        for (Object m : early) {
            ctx.fireChannelRead(m);
        }
        early.clear();
        ctx.channel().config().setAutoRead(true);
    }

    private static void takeOver(DeviceSession old) {
        old.markTakenOver();
        old.channel().eventLoop().execute(() -> {
            if (old.mqtt5() && old.channel().isActive()) {
                old.channel().writeAndFlush(MqttReplies.disconnect(ReasonCodes.SESSION_TAKEN_OVER))
                        .addListener(ChannelFutureListener.CLOSE);
            } else {
                old.channel().close();
            }
        });
    }

    private DeviceSession.Will will(MqttConnectMessage connect, String deviceId) {
        if (!connect.variableHeader().isWillFlag()) {
            return null;
        }
        String topic = connect.payload().willTopic();
        if (!DeviceTopic.uplink(deviceId, MessageKind.STATUS).equals(topic)) {
            deps.metrics().reject("will_topic");
            log.info("device={} will on {} ignored: only its own status topic is allowed", deviceId, topic);
            return null;
        }
        return new DeviceSession.Will(topic, connect.payload().willMessageInBytes());
    }

    private void refuse(ChannelHandlerContext ctx, boolean mqtt5, ConnectRefusal refusal, String deviceId, String detail) {
        deps.metrics().connectRefused(refusal.tag());
        log.info("device={} refused ({}) from {}: {}", deviceId, refusal.tag(), address(ctx), detail);
        releaseEarly();
        ctx.channel().config().setAutoRead(false);
        MqttMessage connack = MqttReplies.connAck(refusal.code(mqtt5), false, MqttProperties.NO_PROPERTIES);
        long delay = refusal == ConnectRefusal.QUOTA_EXCEEDED ? 0 : deps.properties().auth().failureDelay().toMillis();
        ctx.executor().schedule(() -> {
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(connack).addListener(ChannelFutureListener.CLOSE);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void releaseEarly() {
        early.forEach(ReferenceCountUtil::release);
        early.clear();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseEarly();
        ctx.fireChannelInactive();
    }

    private static String address(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
    }
}
