package care.anxin.gateway.mqtt;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/** The remote address of a connection as text, for limits and logs. */
final class Addresses {

    private Addresses() {
    }

    static String of(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() : String.valueOf(channel.remoteAddress());
    }
}
