package care.anxin.gateway.ingest;

import care.anxin.domain.wire.DecodeResult;
import care.anxin.domain.wire.EventMessage;
import care.anxin.domain.wire.MessageKind;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One decoded (or refused) uplink message handed to the group-commit writer; {@code done}
 * completes after the transaction holding its rows committed, never before.
 */
public record Submission(String deviceId, Long elderId, String topic, MessageKind kind, DecodeResult decoded,
                         byte[] payload, Instant receivedAt, String remoteAddress,
                         CompletableFuture<IngestOutcome> done) {

    public Submission(String deviceId, Long elderId, String topic, MessageKind kind, DecodeResult decoded,
                      byte[] payload, Instant receivedAt, String remoteAddress) {
        this(deviceId, elderId, topic, kind, decoded, payload, receivedAt, remoteAddress, new CompletableFuture<>());
    }

    /** SOS, FALL and FALL_CANCELLED take the fast path: committed at once, never waiting for a batch. */
    public boolean urgent() {
        return decoded instanceof DecodeResult.Accepted a
                && a.message() instanceof EventMessage e && e.type() != null && e.type().urgent();
    }

    /** The same message, refused for a reason found while storing it. */
    Submission refusedInstead(DecodeResult.Rejected rejected) {
        return new Submission(deviceId, elderId, topic, kind, rejected, payload, receivedAt, remoteAddress, done);
    }
}
