package care.anxin.gateway.session;

import care.anxin.gateway.limit.TokenBucket;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * One authenticated device connection, whatever its protocol: who it is, where it came from, its
 * will, its command subscription and its uplink backlog. Protocol details live behind
 * {@link #link()}. Mutable state is confined to the channel's event loop unless marked volatile.
 */
public final class DeviceSession {

    public static final AttributeKey<DeviceSession> KEY = AttributeKey.valueOf("anxin.session");

    /** A last message set at login, stored as a status message if the connection ends abnormally. */
    public record Will(String topic, byte[] payload) {
    }

    private final String deviceId;
    private final Long elderId;
    private final Channel channel;
    private final DeviceLink link;
    private final Instant connectedAt;
    private final String remoteAddress;
    private final TokenBucket uplinkRate;
    private volatile Will will;
    private volatile boolean subscribed;
    private volatile boolean takenOver;
    private volatile String endReason;

    /** Uplink messages waiting for their commit, in arrival order: acknowledgements go out in this order. */
    public final ArrayDeque<PendingAck> pendingAcks = new ArrayDeque<>();
    /** Whether {@link ReadGate} paused reading this connection. */
    boolean readPaused;

    public DeviceSession(String deviceId, Long elderId, Channel channel, DeviceLink link, Instant connectedAt,
                         String remoteAddress, TokenBucket uplinkRate, Will will) {
        this.deviceId = deviceId;
        this.elderId = elderId;
        this.channel = channel;
        this.link = link;
        this.connectedAt = connectedAt;
        this.remoteAddress = remoteAddress;
        this.uplinkRate = uplinkRate;
        this.will = will;
    }

    public static DeviceSession of(Channel channel) {
        return channel.attr(KEY).get();
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

    public DeviceLink link() {
        return link;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    /** Uplink message rate of this connection. Event loop. */
    public TokenBucket uplinkRate() {
        return uplinkRate;
    }

    public Will will() {
        return will;
    }

    /** The will is discarded on a normal goodbye (MQTT DISCONNECT). */
    public void clearWill() {
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

    /** A newer connection of the device replaced this one: its end is not an offline. */
    public void markTakenOver() {
        takenOver = true;
    }

    /** Why the connection ended (presence reason); the first reason recorded wins. */
    public String endReason() {
        return endReason == null ? "disconnect" : endReason;
    }

    public void endReason(String reason) {
        if (endReason == null) {
            endReason = reason;
        }
    }

    /** Whether backpressure ({@link ReadGate}) stopped reading this connection. Event loop. */
    public boolean readPaused() {
        return readPaused;
    }

    @Override
    public String toString() {
        return "device " + deviceId + " (" + remoteAddress + ", " + link.protocol() + ")";
    }
}
