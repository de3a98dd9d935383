package care.anxin.gateway.mqtt;

import care.anxin.domain.device.DeviceProtocol;
import care.anxin.gateway.auth.AuthResult;
import care.anxin.gateway.auth.ClientCertificates;
import care.anxin.gateway.auth.LoginGate;
import care.anxin.gateway.auth.LoginRefusal;
import care.anxin.gateway.net.RemoteAddress;
import care.anxin.gateway.session.DeviceSession;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device authentication at CONNECT: client id = user name = device id, a client certificate (if
 * any) bound to that id, the session quota, then the shared {@link LoginGate} (recent credentials
 * first, failure buckets, per-address cap, bounded pool) with reading stopped meanwhile.
 * Overload is answered at once (0x89 / 0x97, 3.1.1: 3); other refusals a fixed delay after the
 * CONNECT arrived, so unknown and known ids look the same. An accepted CONNECT goes on to
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
        onConnect(ctx, connect, System.nanoTime());
    }

    private void onConnect(ChannelHandlerContext ctx, MqttConnectMessage connect, long arrived) {
        boolean mqtt5 = connect.variableHeader().version() == 5;
        String clientId = connect.payload().clientIdentifier();
        String user = connect.payload().userName();
        if (clientId == null || !DEVICE_ID.matcher(clientId).matches() || !clientId.equals(user)) {
            refuse(ctx, mqtt5, LoginRefusal.CLIENT_ID_INVALID, clientId, "client id must equal user name (device id)",
                    arrived);
            return;
        }
        Optional<String> certificateProblem = certificateProblem(ctx.channel(), clientId);
        if (certificateProblem.isPresent()) {
            refuse(ctx, mqtt5, LoginRefusal.NOT_AUTHORIZED, clientId, certificateProblem.get(), arrived);
            return;
        }
        if (services.registry().size() >= services.properties().limits().maxConnections()
                && services.registry().get(clientId).isEmpty()) {
            refuse(ctx, mqtt5, LoginRefusal.QUOTA_EXCEEDED, clientId, "connection limit reached", arrived);
            return;
        }
        ctx.channel().config().setAutoRead(false);
        Channel channel = ctx.channel();
        boolean clean = connect.variableHeader().isCleanSession();
        LoginGate.Attempt attempt = new LoginGate.Attempt(DeviceProtocol.MQTT, clientId, connect.payload().passwordInBytes(),
                RemoteAddress.of(channel), RemoteAddress.prefix(channel), clean, channel::isActive);
        services.login().check(attempt)
                .thenAccept(admission -> ctx.executor().execute(() -> {
                    AuthResult r = admission.result();
                    if (!channel.isActive()) {
                        return;
                    }
                    if (r.accepted()) {
                        ctx.fireChannelRead(new AuthenticatedConnect(connect, r.device(),
                                admission.storedSubscription()));
                    } else {
                        refuse(ctx, mqtt5, r.refusal(), clientId, r.detail(), arrived);
                    }
                }));
    }

    /** A client certificate that names another device (mTLS); none presented is fine unless TLS requires one. */
    private static Optional<String> certificateProblem(Channel channel, String deviceId) {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null) {
            return Optional.empty();
        }
        Certificate[] chain;
        try {
            chain = tls.engine().getSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException none) {
            return Optional.empty();
        }
        if (chain.length > 0 && chain[0] instanceof X509Certificate cert && ClientCertificates.boundTo(cert, deviceId)) {
            return Optional.empty();
        }
        return Optional.of("client certificate does not name this device: "
                + (chain.length > 0 && chain[0] instanceof X509Certificate cert ? ClientCertificates.names(cert) : "?"));
    }

    private void refuse(ChannelHandlerContext ctx, boolean mqtt5, LoginRefusal refusal, String deviceId, String detail,
                        long arrived) {
        services.metrics().connectRefused(refusal.tag());
        log.info("device={} refused ({}) from {}: {}", deviceId, refusal.tag(), RemoteAddress.of(ctx.channel()), detail);
        ctx.channel().config().setAutoRead(false);
        MqttMessage connack = MqttReplies.connAck(ConnectCodes.of(refusal, mqtt5), false, MqttProperties.NO_PROPERTIES);
        long delay = overload(refusal) ? 0
                : services.properties().auth().failureDelay().toNanos() - (System.nanoTime() - arrived);
        ctx.executor().schedule(() -> {
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(connack).addListener(ChannelFutureListener.CLOSE);
            }
        }, Math.max(0, delay), TimeUnit.NANOSECONDS);
    }

    private static boolean overload(LoginRefusal refusal) {
        return refusal == LoginRefusal.QUOTA_EXCEEDED || refusal == LoginRefusal.SERVER_BUSY;
    }
}
