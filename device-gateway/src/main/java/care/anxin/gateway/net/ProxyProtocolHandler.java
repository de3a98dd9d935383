package care.anxin.gateway.net;

import care.anxin.gateway.ops.GatewayMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First in the pipeline of every device listener: finds the device's real address and then
 * removes itself. From a trusted load balancer (configured ranges) a PROXY protocol v1/v2 header
 * is required (Netty's HAProxyMessageDecoder) and its source address is used; from anybody else a
 * PROXY header is refused (closed, {@code rejects{reason=proxy_untrusted}}) and the TCP peer is the address.
 * Fires {@link RemoteAddress.Resolved} for the per-address limits. One per connection.
 */
public final class ProxyProtocolHandler extends ChannelInboundHandlerAdapter {

    public static final String NAME = "proxyProtocol";
    private static final String DECODER = "proxyProtocolDecoder";
    private static final Logger log = LoggerFactory.getLogger(ProxyProtocolHandler.class);

    private final TrustedNetworks trusted;
    private final GatewayMetrics metrics;
    private boolean expectHeader;

    public ProxyProtocolHandler(TrustedNetworks trusted, GatewayMetrics metrics) {
        this.trusted = trusted;
        this.metrics = metrics;
    }

    /** Adds the handler first in the pipeline. */
    public static void install(ChannelPipeline p, TrustedNetworks trusted, GatewayMetrics metrics) {
        p.addLast(NAME, new ProxyProtocolHandler(trusted, metrics));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress peer = ctx.channel().remoteAddress() instanceof InetSocketAddress s ? s.getAddress() : null;
        expectHeader = trusted.contains(peer);
        ctx.fireChannelActive();
        if (expectHeader) {
            ctx.pipeline().addBefore(NAME, DECODER, new HAProxyMessageDecoder());
        } else {
            ctx.pipeline().fireUserEventTriggered(RemoteAddress.Resolved.EVENT);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HAProxyMessage header) {
            try {
                useHeader(ctx, header);
            } finally {
                header.release();
            }
            return;
        }
        if (!expectHeader && msg instanceof ByteBuf bytes && bytes.isReadable() && startsLikeProxy(bytes)) {
            // A complete or partial PROXY signature from a peer we do not trust: it must not choose its address.
            ReferenceCountUtil.release(msg);
            metrics.reject("proxy_untrusted");
            log.info("PROXY protocol header from untrusted peer {} refused", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        if (expectHeader) {
            // Bytes before the header was decoded cannot happen (the decoder sits in front); be safe.
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(msg);
    }

    /** "PROXY " (v1) or the v2 signature's first byte; no MQTT connection can start with either. */
    private static boolean startsLikeProxy(ByteBuf bytes) {
        byte first = bytes.getByte(bytes.readerIndex());
        return first == 'P' || first == 0x0D;
    }

    private void useHeader(ChannelHandlerContext ctx, HAProxyMessage header) {
        if (header.command() == HAProxyCommand.PROXY && header.sourceAddress() != null) {
            try {
                ctx.channel().attr(RemoteAddress.KEY).set(InetAddress.getByName(header.sourceAddress()));
            } catch (UnknownHostException e) {
                metrics.reject("proxy_malformed");
                ctx.close();
                return;
            }
        }
        // LOCAL (the balancer's own health check) keeps the peer address.
        ctx.pipeline().fireUserEventTriggered(RemoteAddress.Resolved.EVENT);
        ctx.pipeline().remove(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof HAProxyProtocolException)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        metrics.reject("proxy_malformed");
        log.info("Bad PROXY protocol header from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
