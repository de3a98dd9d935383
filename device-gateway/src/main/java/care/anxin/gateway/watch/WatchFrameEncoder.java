package care.anxin.gateway.watch;

import care.anxin.domain.watch.WatchFrame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Replies and commands to the watch, framed and escaped by {@link WatchFrame#encode()}. */
@ChannelHandler.Sharable
final class WatchFrameEncoder extends MessageToByteEncoder<WatchFrame> {

    static final WatchFrameEncoder INSTANCE = new WatchFrameEncoder();

    @Override
    protected void encode(ChannelHandlerContext ctx, WatchFrame frame, ByteBuf out) {
        out.writeBytes(frame.encode());
    }
}
