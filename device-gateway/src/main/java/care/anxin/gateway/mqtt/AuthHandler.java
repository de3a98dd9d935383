package care.anxin.gateway.mqtt;

import care.anxin.gateway.auth.AuthResult;
import care.anxin.gateway.auth.LoginRefusal;
import care.anxin.gateway.session.DeviceSession;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device authentication at CONNECT: client id = user name = device id, the session quota, the
 * failed-login throttle, then the secret check (database + hash) off the event loop; reading
 * stops meanwhile. Refusals are answered after a delay; an accepted CONNECT goes on to
 * {@link ConnectHandler} as an {@link AuthenticatedConnect}. A second CONNECT is a protocol error.
 */
@ChannelHandler.Sharable
final class AuthHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(AuthHandler.class);
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]{3,64}");

    private final MqttServices services;

    AuthHandler(MqttServices services) {
        this.services = services;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttConnectMessage connect)) {
            ctx.fireChannelRead(msg);
            return;
        }
        DeviceSession session = DeviceSession.of(ctx.channel());
        if (session != null) {
            Refusals.disconnect(ctx, session, services.metrics(), "protocol", ReasonCodes.PROTOCOL_ERROR,
                    "second CONNECT");
            return;
        }
        onConnect(ctx, connect);
    }

    private void onConnect(ChannelHandlerContext ctx, MqttConnectMessage connect) {
        boolean mqtt5 = connect.variableHeader().version() == 5;
        String clientId = connect.payload().clientIdentifier();
        String user = connect.payload().userName();
        String address = Addresses.of(ctx.channel());
        if (clientId == null || !DEVICE_ID.matcher(clientId).matches() || !clientId.equals(user)) {
            refuse(ctx, mqtt5, LoginRefusal.CLIENT_ID_INVALID, clientId, "client id must equal user name (device id)");
            return;
        }
        if (services.registry().size() >= services.properties().limits().maxConnections()
                && services.registry().get(clientId).isEmpty()) {
            refuse(ctx, mqtt5, LoginRefusal.QUOTA_EXCEEDED, clientId, "connection limit reached");
            return;
        }
        if (services.throttle().blocked(address)) {
            refuse(ctx, mqtt5, LoginRefusal.CONNECTION_RATE_EXCEEDED, clientId, "too many failed logins from " + address);
            return;
        }
        ctx.channel().config().setAutoRead(false);
        byte[] secret = connect.payload().passwordInBytes();
        boolean clean = connect.variableHeader().isCleanSession();
        try {
            services.authExecutor().execute(() -> {
                AuthResult result;
                Optional<Boolean> stored = Optional.empty();
                try {
                    result = services.authenticator().authenticate(clientId, secret);
                    if (result.accepted()) {
                        if (clean) {
                            services.sessions().delete(clientId);
                        } else {
                            stored = services.sessions().subscribed(clientId);
                        }
                    }
                } catch (RuntimeException e) {
                    result = AuthResult.refused(LoginRefusal.SERVER_UNAVAILABLE, "database unavailable: " + e);
                }
                AuthResult r = result;
                Optional<Boolean> s = stored;
                ctx.executor().execute(() -> finish(ctx, connect, mqtt5, r, s));
            });
        } catch (RejectedExecutionException e) {
            refuse(ctx, mqtt5, LoginRefusal.SERVER_UNAVAILABLE, clientId, "login queue full");
        }
    }

    private void finish(ChannelHandlerContext ctx, MqttConnectMessage connect, boolean mqtt5, AuthResult result,
                        Optional<Boolean> storedSession) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (!result.accepted()) {
            if (result.refusal() == LoginRefusal.BAD_CREDENTIALS) {
                services.throttle().failed(Addresses.of(ctx.channel()));
            }
            refuse(ctx, mqtt5, result.refusal(), connect.payload().clientIdentifier(), result.detail());
            return;
        }
        ctx.fireChannelRead(new AuthenticatedConnect(connect, result.device(), storedSession));
    }

    private void refuse(ChannelHandlerContext ctx, boolean mqtt5, LoginRefusal refusal, String deviceId, String detail) {
        services.metrics().connectRefused(refusal.tag());
        log.info("device={} refused ({}) from {}: {}", deviceId, refusal.tag(), Addresses.of(ctx.channel()), detail);
        ctx.channel().config().setAutoRead(false);
        MqttMessage connack = MqttReplies.connAck(ConnectCodes.of(refusal, mqtt5), false, MqttProperties.NO_PROPERTIES);
        long delay = refusal == LoginRefusal.QUOTA_EXCEEDED ? 0 : services.properties().auth().failureDelay().toMillis();
        ctx.executor().schedule(() -> {
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(connack).addListener(ChannelFutureListener.CLOSE);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }
}
