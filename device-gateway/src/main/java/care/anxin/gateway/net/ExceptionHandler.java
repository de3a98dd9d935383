package care.anxin.gateway.net;

import care.anxin.gateway.session.DeviceSession;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Last in every listener's pipeline: any error closes the connection (logged), and nothing unhandled leaks. */
@ChannelHandler.Sharable
public final class ExceptionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ExceptionHandler.class);

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        DeviceSession session = DeviceSession.of(ctx.channel());
        String who = session == null ? String.valueOf(ctx.channel().remoteAddress()) : session.deviceId();
        if (cause instanceof IOException) {
            log.debug("device={} connection error: {}", who, cause.toString());
        } else {
            log.warn("device={} unexpected error, closing: {}", who, cause.toString());
        }
        ctx.close();
    }
}
