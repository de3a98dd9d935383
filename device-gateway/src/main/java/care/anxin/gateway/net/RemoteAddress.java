package care.anxin.gateway.net;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The device's real address: the TCP peer, or the source a trusted load balancer reported with
 * the PROXY protocol. Limits and logs use it, and failed logins are counted per {@link #prefix}.
 */
public final class RemoteAddress {

    static final AttributeKey<InetAddress> KEY = AttributeKey.valueOf("anxin.remoteAddress");

    private RemoteAddress() {
    }

    /** Fired (as a pipeline user event) once the real address is known. */
    public enum Resolved { EVENT }

    public static InetAddress address(Channel channel) {
        InetAddress a = channel.attr(KEY).get();
        if (a != null) {
            return a;
        }
        return channel.remoteAddress() instanceof InetSocketAddress s ? s.getAddress() : null;
    }

    /** The address as text ("?" when unknown). */
    public static String of(Channel channel) {
        InetAddress a = address(channel);
        return a == null ? String.valueOf(channel.remoteAddress()) : a.getHostAddress();
    }

    /** The /24 (IPv4) or /64 (IPv6) the address belongs to: one carrier NAT pool or one home network. */
    public static String prefix(Channel channel) {
        InetAddress a = address(channel);
        return a == null ? of(channel) : prefix(a);
    }

    static String prefix(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return (b[0] & 0xFF) + "." + (b[1] & 0xFF) + "." + (b[2] & 0xFF) + ".0/24";
        }
        if (a instanceof Inet6Address && b.length == 16) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                s.append(Integer.toHexString(((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF))).append(':');
            }
            return s.append(":/64").toString();
        }
        return a.getHostAddress();
    }
}
