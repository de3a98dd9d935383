package care.anxin.gateway.watch;

import care.anxin.domain.watch.WatchFrameParser;
import care.anxin.gateway.ops.GatewayMetrics;
import care.anxin.gateway.session.DeviceSession;
import care.anxin.gateway.net.RemoteAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bytes to {@link care.anxin.domain.watch.WatchFrame}s with the domain's {@link WatchFrameParser}.
 * Bytes that are not a frame are dropped up to the next {@code [} (counted, logged); a frame over
 * the size bound closes the connection, so at most one bound's worth of bytes is ever buffered.
 * One per connection.
 */
final class WatchFrameDecoder extends ByteToMessageDecoder {

    private static final Logger log = LoggerFactory.getLogger(WatchFrameDecoder.class);

    private final WatchFrameParser parser;
    private final int maxFrameBytes;
    private final GatewayMetrics metrics;

    WatchFrameDecoder(int maxFrameBytes, GatewayMetrics metrics) {
        this.parser = new WatchFrameParser(maxFrameBytes);
        this.maxFrameBytes = maxFrameBytes;
        this.metrics = metrics;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable() && ctx.channel().isActive()) {
            // A frame never exceeds the bound, so looking at that many bytes is enough to decide.
            int window = Math.min(in.readableBytes(), maxFrameBytes + 1);
            byte[] bytes = ByteBufUtil.getBytes(in, in.readerIndex(), window, false);
            WatchFrameParser.Result r = parser.parse(bytes, 0, bytes.length);
            if (r instanceof WatchFrameParser.Parsed p) {
                in.skipBytes(p.consumed());
                out.add(p.frame());
            } else if (r instanceof WatchFrameParser.Skip s) {
                in.skipBytes(s.bytes());
                metrics.watchFrame("malformed");
                log.info("device={} from {}: {} byte(s) dropped ({})", who(ctx), RemoteAddress.of(ctx.channel()),
                        s.bytes(), s.reason());
            } else if (r instanceof WatchFrameParser.TooLarge t) {
                tooLarge(ctx, in, t.announcedBytes());
                return;
            } else {
                if (window > maxFrameBytes) {
                    tooLarge(ctx, in, window);
                }
                return;
            }
        }
    }

    private void tooLarge(ChannelHandlerContext ctx, ByteBuf in, int bytes) {
        metrics.reject("oversize");
        log.info("device={} from {}: frame of {} bytes over the {} byte bound, closing", who(ctx),
                RemoteAddress.of(ctx.channel()), bytes, maxFrameBytes);
        in.skipBytes(in.readableBytes());
        DeviceSession session = DeviceSession.of(ctx.channel());
        if (session != null) {
            session.endReason("oversize");
        }
        ctx.close();
    }

    private static String who(ChannelHandlerContext ctx) {
        DeviceSession session = DeviceSession.of(ctx.channel());
        return session == null ? "-" : session.deviceId();
    }
}
