package care.anxin.simulator.watch;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** Netty side of {@link WatchFrameParser}: frames out, garbage skipped and counted. */
public final class WatchFrameDecoder extends ByteToMessageDecoder {

    /** Larger than any text frame the platform sends; beyond it the stream is not a watch protocol. */
    private static final int MAX_BUFFERED = 70_000;

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
            WatchFrameParser.Result result = WatchFrameParser.parse(bytes, at, readable);
            if (result.consumed() == 0) {
                break;
            }
            at += result.consumed();
            if (result.skipped() > 0) {
                skippedBytes.add(result.skipped());
            }
            if (result.frame() != null) {
                out.add(result.frame());
            }
        }
        in.skipBytes(at);
        if (in.readableBytes() > MAX_BUFFERED) {
            in.skipBytes(in.readableBytes());
            throw new TooLongFrameException("watch frame longer than " + MAX_BUFFERED + " bytes");
        }
    }
}
