package care.anxin.gateway.mqtt;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * One authenticated device connection. Mutable state is confined to the channel's event loop
 * unless marked volatile.
 */
public final class DeviceSession {

    public static final AttributeKey<DeviceSession> KEY = AttributeKey.valueOf("anxin.session");

    /** A will message set at CONNECT, published if the connection ends without DISCONNECT. */
    public record Will(String topic, byte[] payload) {
    }

    private final String deviceId;
    private final Long elderId;
    private final Channel channel;
    private final boolean mqtt5;
    private final boolean cleanSession;
    private final Instant connectedAt;
    private final String remoteAddress;
    private final RateLimiter rateLimiter;
    private volatile Will will;
    private volatile boolean subscribed;
    private volatile boolean takenOver;
    private volatile String endReason;

    /** QoS 1 messages waiting for their commit, in arrival order: PUBACKs go out in this order. */
    final ArrayDeque<PendingAck> pendingAcks = new ArrayDeque<>();
    /** Downlink commands published and not yet acknowledged: packet id -> command id. */
    final Map<Integer, Long> commandsInFlight = new HashMap<>();
    private int nextPacketId;
    boolean readPaused;

    public DeviceSession(String deviceId, Long elderId, Channel channel, boolean mqtt5, boolean cleanSession,
                         Instant connectedAt, String remoteAddress, RateLimiter rateLimiter, Will will) {
        this.deviceId = deviceId;
        this.elderId = elderId;
        this.channel = channel;
        this.mqtt5 = mqtt5;
        this.cleanSession = cleanSession;
        this.connectedAt = connectedAt;
        this.remoteAddress = remoteAddress;
        this.rateLimiter = rateLimiter;
        this.will = will;
    }

    public String deviceId() {
        return deviceId;
    }

    public Long elderId() {
        return elderId;
    }

    public Channel channel() {
        return channel;
    }

    public boolean mqtt5() {
        return mqtt5;
    }

    public boolean cleanSession() {
        return cleanSession;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    RateLimiter rateLimiter() {
        return rateLimiter;
    }

    public Will will() {
        return will;
    }

    /** The will is discarded on a normal DISCONNECT. */
    void clearWill() {
        will = null;
    }

    public boolean subscribed() {
        return subscribed;
    }

    public void subscribed(boolean value) {
        subscribed = value;
    }

    public boolean takenOver() {
        return takenOver;
    }

    void markTakenOver() {
        takenOver = true;
    }

    /** Why the connection ended (presence reason); the first reason recorded wins. */
    public String endReason() {
        return endReason == null ? "disconnect" : endReason;
    }

    void endReason(String reason) {
        if (endReason == null) {
            endReason = reason;
        }
    }

    /** Whether the command is published on this connection and not yet acknowledged. Event loop. */
    public boolean commandInFlight(long commandId) {
        return commandsInFlight.containsValue(commandId);
    }

    /** Allocates a packet id for publishing the command (skipping ids still in flight). Event loop. */
    public int startCommand(long commandId) {
        do {
            nextPacketId = nextPacketId % 65535 + 1;
        } while (commandsInFlight.containsKey(nextPacketId));
        commandsInFlight.put(nextPacketId, commandId);
        return nextPacketId;
    }

    /** The command acknowledged by this PUBACK, if the packet id is ours. Event loop. */
    Long finishCommand(int packetId) {
        return commandsInFlight.remove(packetId);
    }

    @Override
    public String toString() {
        return "device " + deviceId + " (" + remoteAddress + ", MQTT " + (mqtt5 ? "5" : "3.1.1") + ")";
    }
}
