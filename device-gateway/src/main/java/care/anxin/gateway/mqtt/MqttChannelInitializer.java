package care.anxin.gateway.mqtt;

import care.anxin.gateway.config.GatewayProperties;
import care.anxin.gateway.net.ConnectionLimitHandler;
import care.anxin.gateway.net.ExceptionHandler;
import care.anxin.gateway.net.ProxyProtocolHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.SslContext;

/**
 * Builds the pipeline of one MQTT connection, in this order (names in {@link MqttHandlerNames}):
 * <pre>
 * proxyProtocol [tls] connectDeadline connectionLimit [keepaliveTimer] decoder encoder decodeFailure
 * messageBarrier auth connect keepalive controlGuard ping publishGuard ingest downlink disconnect exception
 * </pre>
 * The shared handlers are created once per listener; the CONNECT-phase ones per connection.
 */
final class MqttChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** Device ids are up to 64 characters (protocol.md); Netty's default limit is 23. */
    private static final int MAX_CLIENT_ID = 64;

    private final MqttServices services;
    private final SslContext ssl;
    private final ConnectionLimitHandler connectionLimit;
    private final DecodeFailureHandler decodeFailure;
    private final AuthHandler auth;
    private final ConnectHandler connect;
    private final KeepaliveHandler keepalive;
    private final ControlGuardHandler controlGuard;
    private final PingHandler ping;
    private final PublishGuardHandler publishGuard;
    private final IngestHandler ingest;
    private final DownlinkHandler downlink;
    private final DisconnectHandler disconnect;
    private final ExceptionHandler exception = new ExceptionHandler();

    MqttChannelInitializer(MqttServices s, SslContext ssl) {
        this.services = s;
        this.ssl = ssl;
        this.connectionLimit = s.connectionLimit();
        this.controlGuard = new ControlGuardHandler(s.metrics());
        this.decodeFailure = new DecodeFailureHandler(s.metrics());
        this.auth = new AuthHandler(s);
        this.connect = new ConnectHandler(s);
        this.keepalive = new KeepaliveHandler(s.metrics());
        this.ping = new PingHandler(s.activity(), s.clock());
        this.publishGuard = new PublishGuardHandler(s.metrics());
        this.ingest = new IngestHandler(s.uplinkCodec(), s.writer(), s.gate(), s.metrics(), s.clock());
        this.downlink = new DownlinkHandler(s.downlink(), s.sessions(), s.db(), s.metrics());
        this.disconnect = new DisconnectHandler(s.lifecycle(), s.metrics());
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        GatewayProperties.Limits limits = services.properties().limits();
        ChannelPipeline p = ch.pipeline();
        ProxyProtocolHandler.install(p, services.trustedProxies(), services.metrics());
        if (ssl != null) {
            p.addLast(MqttHandlerNames.TLS, ssl.newHandler(ch.alloc()));
        }
        p.addLast(MqttHandlerNames.CONNECT_DEADLINE, new ConnectDeadlineHandler(limits.connectTimeout(), services.metrics()));
        p.addLast(MqttHandlerNames.CONNECTION_LIMIT, connectionLimit);
        p.addLast(MqttHandlerNames.DECODER, new MqttDecoder(limits.maxPacketBytes(), MAX_CLIENT_ID));
        p.addLast(MqttHandlerNames.ENCODER, MqttEncoder.INSTANCE);
        p.addLast(MqttHandlerNames.DECODE_FAILURE, decodeFailure);
        p.addLast(MqttHandlerNames.MESSAGE_BARRIER, new MessageBarrier(services.metrics()));
        p.addLast(MqttHandlerNames.AUTH, auth);
        p.addLast(MqttHandlerNames.CONNECT, connect);
        p.addLast(MqttHandlerNames.KEEPALIVE, keepalive);
        p.addLast(MqttHandlerNames.CONTROL_GUARD, controlGuard);
        p.addLast(MqttHandlerNames.PING, ping);
        p.addLast(MqttHandlerNames.PUBLISH_GUARD, publishGuard);
        p.addLast(MqttHandlerNames.INGEST, ingest);
        p.addLast(MqttHandlerNames.DOWNLINK, downlink);
        p.addLast(MqttHandlerNames.DISCONNECT, disconnect);
        p.addLast(MqttHandlerNames.EXCEPTION, exception);
    }
}
