package care.anxin.simulator.watch;

/** Where the platform's watch listener is: {@code anxin.simulator.watch-endpoint}, {@code host:port}. */
public record WatchEndpoint(String host, int port) {

    /** {@code host:port}, optionally prefixed {@code tcp://}. */
    public static WatchEndpoint parse(String endpoint) {
        String hostPort = endpoint.replaceFirst("^tcp://", "");
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("watch endpoint must be host:port, not '" + endpoint + "'");
        }
        return new WatchEndpoint(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
