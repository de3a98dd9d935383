package care.anxin.store.ingest;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * The de-duplication key of an uplink message: the device, a digest of the exact payload bytes
 * and the message's own timestamp (which also places the key in its time partition). An exact
 * redelivery has the same key; a reused msgId with different content does not (a device reset
 * that restarts its counters loses nothing). The msgId is kept alongside for people reading the
 * table; it is part of the digested bytes, not of the key.
 *
 * @param digest     the first 64 bits of the payload's SHA-256
 * @param deviceTime the message's {@code ts} as sent (before any clock correction)
 */
public record MessageKey(String deviceId, String msgId, long digest, Instant deviceTime) {

    /** The key of a message received as {@code payload}. */
    public static MessageKey of(String deviceId, String msgId, Instant deviceTime, byte[] payload) {
        return new MessageKey(deviceId, msgId, digest(payload), deviceTime);
    }

    /** First 64 bits of SHA-256: collisions need the same device and ts, so 64 bits are plenty. */
    public static long digest(byte[] payload) {
        MessageDigest sha256 = SHA256.get();
        sha256.reset();
        return ByteBuffer.wrap(sha256.digest(payload)).getLong();
    }

    /** One digest per thread: looking the algorithm up costs a provider search for every message. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    });
}
