package care.anxin.simulator.watch;

import care.anxin.domain.watch.WatchFrameParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Netty side of the domain's {@link WatchFrameParser} (what the platform sends a watch): frames
 * out, bytes that are not frames skipped and counted, a frame over the bound closes the channel.
 */
public final class WatchFrameDecoder extends ByteToMessageDecoder {

    /** Larger than any frame the platform sends a watch; beyond it the stream is not the watch protocol. */
    private static final int MAX_FRAME = 16_384;

    private final WatchFrameParser parser = new WatchFrameParser(MAX_FRAME);
    private final LongAdder skippedBytes;

    public WatchFrameDecoder(LongAdder skippedBytes) {
        this.skippedBytes = skippedBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int readable = in.readableBytes();
        byte[] bytes = ByteBufUtil.getBytes(in, in.readerIndex(), readable, false);
        int at = 0;
        while (at < readable) {
            WatchFrameParser.Result result = parser.parse(bytes, at, readable);
            if (result instanceof WatchFrameParser.Parsed p) {
                at += p.consumed();
                out.add(p.frame());
            } else if (result instanceof WatchFrameParser.Skip s) {
                at += s.bytes();
                skippedBytes.add(s.bytes());
            } else if (result instanceof WatchFrameParser.TooLarge t) {
                in.skipBytes(readable);
                throw new TooLongFrameException("watch frame of " + t.announcedBytes() + " bytes");
            } else {
                break; // need more bytes
            }
        }
        in.skipBytes(at);
    }
}
