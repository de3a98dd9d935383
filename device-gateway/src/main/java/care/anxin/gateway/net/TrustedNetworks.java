package care.anxin.gateway.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Address ranges in CIDR notation ("10.0.0.0/8", "192.0.2.7", "2001:db8::/32"), e.g. trusted load balancers. */
public final class TrustedNetworks {

    private record Cidr(byte[] network, int bits) {
        boolean contains(byte[] a) {
            if (a.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (a[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Cidr> ranges;

    private TrustedNetworks(List<Cidr> ranges) {
        this.ranges = ranges;
    }

    /** Parses the ranges; an unparsable entry is a configuration error. */
    public static TrustedNetworks of(List<String> cidrs) {
        return new TrustedNetworks(cidrs.stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(TrustedNetworks::parse).toList());
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] a = address.getAddress();
        return ranges.stream().anyMatch(r -> r.contains(a));
    }

    private static Cidr parse(String cidr) {
        int slash = cidr.indexOf('/');
        String host = slash < 0 ? cidr : cidr.substring(0, slash);
        if (!host.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("Not an IP address range: " + cidr);
        }
        try {
            byte[] network = InetAddress.getByName(host).getAddress();
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("Bad prefix length in " + cidr);
            }
            return new Cidr(network, bits);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("Not an IP address range: " + cidr, e);
        }
    }
}
