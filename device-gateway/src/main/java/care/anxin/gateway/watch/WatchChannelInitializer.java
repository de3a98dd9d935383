package care.anxin.gateway.watch;

import care.anxin.gateway.config.GatewayProperties;
import care.anxin.gateway.net.ConnectionLimitHandler;
import care.anxin.gateway.net.ExceptionHandler;
import care.anxin.gateway.net.ProxyProtocolHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;

/**
 * The pipeline of one watch connection:
 * <pre>
 * proxyProtocol connectionLimit frameDecoder frameEncoder idle login ingest exception
 * </pre>
 * The first two and the last are the MQTT listener's own (shared caps on sockets).
 */
final class WatchChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final WatchServices services;
    private final WatchIngestHandler ingest;
    private final ExceptionHandler exception = new ExceptionHandler();

    WatchChannelInitializer(WatchServices services) {
        this.services = services;
        this.ingest = new WatchIngestHandler(services);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        GatewayProperties.Watch watch = services.properties().watch();
        ChannelPipeline p = ch.pipeline();
        ProxyProtocolHandler.install(p, services.trustedProxies(), services.metrics());
        p.addLast(ConnectionLimitHandler.NAME, services.connectionLimit());
        p.addLast("frameDecoder", new WatchFrameDecoder(watch.maxFrameBytes(), services.metrics()));
        p.addLast("frameEncoder", WatchFrameEncoder.INSTANCE);
        p.addLast("idle", new WatchIdleHandler(watch.firstFrameTimeout(), watch.idleTimeout(), services.metrics()));
        p.addLast("login", new WatchLoginHandler(services));
        p.addLast("ingest", ingest);
        p.addLast("exception", exception);
    }
}
