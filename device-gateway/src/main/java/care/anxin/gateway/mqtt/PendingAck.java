package care.anxin.gateway.mqtt;

import care.anxin.gateway.ingest.IngestOutcome;

/** A received PUBLISH waiting for its commit; {@code packetId} is 0 for QoS 0 (nothing to send). */
final class PendingAck {
    final int packetId;
    final long receivedNanos;
    IngestOutcome outcome;

    PendingAck(int packetId, long receivedNanos) {
        this.packetId = packetId;
        this.receivedNanos = receivedNanos;
    }
}
