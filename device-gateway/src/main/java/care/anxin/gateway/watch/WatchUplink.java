package care.anxin.gateway.watch;

import care.anxin.domain.wire.DecodeResult;
import care.anxin.domain.wire.MessageKind;
import java.util.List;

/**
 * What one watch frame means to the platform: the uplink messages to store (each with the bytes
 * its de-duplication key digests), the reply to write once they are committed, and what else the
 * frame was.
 *
 * @param parts         messages to store; a refused frame is one rejected part
 * @param reply         content of the reply frame (null: the protocol expects none)
 * @param commandAnswer the watch type of a platform command this frame answers ({@code CR}, {@code MESSAGE}, ...)
 * @param fix           for a position report without a GPS fix, what it held instead (LBS, WIFI or none); else null
 * @param unknown       a frame type this version does not understand
 */
public record WatchUplink(List<Part> parts, String reply, String commandAnswer, String fix, boolean unknown) {

    /** One message of a frame. */
    public record Part(MessageKind kind, DecodeResult decoded, byte[] payload) {
    }

    public WatchUplink {
        parts = List.copyOf(parts);
    }

    static WatchUplink of(List<Part> parts, String reply) {
        return new WatchUplink(parts, reply, null, null, false);
    }
}
