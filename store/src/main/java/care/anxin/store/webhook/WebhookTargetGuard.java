package care.anxin.store.webhook;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether the platform may POST to a URL an admin configured (SSRF guard). Checked when
 * the endpoint is saved and again before every delivery, because a name may resolve elsewhere
 * later (DNS rebinding): https only (unless allowHttp), no user info, and every address the host
 * resolves to must be public — not loopback, link-local (cloud metadata), private, carrier-grade
 * NAT, unique-local, multicast, reserved or one of the platform's own — unless allow-listed.
 */
public class WebhookTargetGuard {

    /** Resolves a host name to its addresses (a test may substitute its own answers). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final List<AddressRange> NOT_PUBLIC = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4", "::/128", "::1/128", "64:ff9b::/96", "100::/64", "2001:db8::/32",
            "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8").stream().map(AddressRange::parse).toList();

    private final WebhookProperties settings;
    private final Resolver resolver;
    private final List<AddressRange> allowedRanges = new ArrayList<>();
    private final List<String> allowedHosts = new ArrayList<>();
    private final List<AddressRange> ownRanges = new ArrayList<>();
    private final List<String> ownNames = new ArrayList<>();

    public WebhookTargetGuard(WebhookProperties settings) {
        this(settings, InetAddress::getAllByName);
    }

    public WebhookTargetGuard(WebhookProperties settings, Resolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
        split(settings.allowedTargets(), allowedRanges, allowedHosts);
        split(settings.ownHosts(), ownRanges, ownNames);
    }

    /** Why the URL must not be called, or empty when it may. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            return Optional.of("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && settings.allowHttp())) {
            return Optional.of(scheme.equals("http") ? "plain http is not allowed; use https" : "URL must use https");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("user information in the URL is not allowed");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return Optional.of("URL has no host");
        }
        host = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
        if (ownNames.contains(host)) {
            return Optional.of("host " + host + " is one of the platform's own hosts");
        }
        boolean hostAllowed = allowedHosts.contains(host);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Optional.of("host " + host + " does not resolve");
        }
        if (addresses.length == 0) {
            return Optional.of("host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<String> refused = refusal(host, address, hostAllowed);
            if (refused.isPresent()) {
                return refused;
            }
        }
        return Optional.empty();
    }

    private Optional<String> refusal(String host, InetAddress address, boolean hostAllowed) {
        String ip = address.getHostAddress();
        if (ownRanges.stream().anyMatch(r -> r.contains(address))) {
            return Optional.of("host " + host + " resolves to " + ip + ", an address of the platform itself");
        }
        if (hostAllowed || allowedRanges.stream().anyMatch(r -> r.contains(address))) {
            return Optional.empty();
        }
        if (isLocalInterface(address)) {
            return Optional.of("host " + host + " resolves to " + ip + ", an address of this machine");
        }
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()
                || NOT_PUBLIC.stream().anyMatch(r -> r.contains(address))) {
            return Optional.of("host " + host + " resolves to " + ip
                    + ", which is not a public address (loopback, link-local, private, multicast or reserved)");
        }
        return Optional.empty();
    }

    /** An address bound on this machine reaches the platform's own services. */
    private static boolean isLocalInterface(InetAddress address) {
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private static void split(List<String> entries, List<AddressRange> ranges, List<String> names) {
        for (String entry : entries) {
            String e = entry.toLowerCase(Locale.ROOT);
            if (AddressRange.IpLiteral.looksLikeIp(e.split("/", 2)[0])) {
                ranges.add(AddressRange.parse(e));
            } else {
                names.add(e);
            }
        }
    }
}
