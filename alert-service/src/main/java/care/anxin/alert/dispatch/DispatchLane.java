package care.anxin.alert.dispatch;

import java.util.Set;

/**
 * A dispatcher lane: its own claim, its own sender threads. The handset downlink and SMS each have
 * a lane, so they never wait behind webhooks; the "other" lane (webhooks and any later HTTP
 * channel) isolates endpoints from each other with a bulkhead of perEndpoint concurrent sends each.
 *
 * @param channels the lane's channels, or (include false) the channels it leaves to other lanes
 */
public record DispatchLane(String name, Set<String> channels, boolean include, int senders, int perEndpoint) {

    public static DispatchLane only(String name, Set<String> channels, int senders, int perEndpoint) {
        return new DispatchLane(name, channels, true, senders, perEndpoint);
    }

    public static DispatchLane allBut(String name, Set<String> channels, int senders, int perEndpoint) {
        return new DispatchLane(name, channels, false, senders, perEndpoint);
    }
}
