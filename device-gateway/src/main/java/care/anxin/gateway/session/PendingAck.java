package care.anxin.gateway.session;

import care.anxin.gateway.ingest.IngestOutcome;

/**
 * A received uplink message waiting for its commit; {@code packetId} is the protocol's id to
 * acknowledge (0 = nothing to send, e.g. MQTT QoS 0).
 */
public final class PendingAck {
    public final int packetId;
    public final long receivedNanos;
    public IngestOutcome outcome;

    public PendingAck(int packetId, long receivedNanos) {
        this.packetId = packetId;
        this.receivedNanos = receivedNanos;
    }
}
