package care.anxin.gateway.session;

import care.anxin.gateway.ingest.IngestOutcome;

/**
 * A received uplink message waiting for its commit; {@code packetId} is the protocol's id to
 * acknowledge (0 = nothing to send, e.g. MQTT QoS 0); {@code reply} is what a protocol without
 * packet ids writes once it is committed (the watch's reply frame; null = nothing).
 */
public final class PendingAck {
    public final int packetId;
    public final long receivedNanos;
    public final Object reply;
    public IngestOutcome outcome;

    public PendingAck(int packetId, long receivedNanos) {
        this(packetId, receivedNanos, null);
    }

    public PendingAck(int packetId, long receivedNanos, Object reply) {
        this.packetId = packetId;
        this.receivedNanos = receivedNanos;
        this.reply = reply;
    }
}
