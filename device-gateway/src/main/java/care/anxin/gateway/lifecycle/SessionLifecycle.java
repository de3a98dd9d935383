package care.anxin.gateway.lifecycle;

import care.anxin.domain.wire.MessageKind;
import care.anxin.domain.wire.UplinkCodec;
import care.anxin.gateway.downlink.CommandDispatcher;
import care.anxin.gateway.ingest.GroupCommitWriter;
import care.anxin.gateway.ingest.Submission;
import care.anxin.gateway.presence.PresenceTracker;
import care.anxin.gateway.session.DeviceSession;
import care.anxin.gateway.session.SessionEnd;
import care.anxin.gateway.session.SessionRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start and end of a device session, the same for every device protocol: registration and
 * takeover, presence, pending commands, and on an abnormal end the will — except when a newer
 * connection of the same device took over.
 */
public class SessionLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SessionLifecycle.class);

    private final SessionRegistry registry;
    private final PresenceTracker presence;
    private final CommandDispatcher downlink;
    private final GroupCommitWriter writer;
    private final UplinkCodec codec;
    private final Clock clock;

    public SessionLifecycle(SessionRegistry registry, PresenceTracker presence, CommandDispatcher downlink,
                            GroupCommitWriter writer, UplinkCodec codec, Clock clock) {
        this.registry = registry;
        this.presence = presence;
        this.downlink = downlink;
        this.writer = writer;
        this.codec = codec;
        this.clock = clock;
    }

    /**
     * Registers a freshly authenticated session (its acceptance already written to the device),
     * ends the connection it replaces, records presence and sends pending commands. Returns the
     * replaced session, if any. Event loop of the new session.
     */
    public Optional<DeviceSession> opened(DeviceSession session) {
        Optional<DeviceSession> previous = registry.register(session);
        previous.ifPresent(old -> {
            old.markTakenOver();
            old.channel().eventLoop().execute(() -> old.link().end(SessionEnd.TAKEN_OVER));
        });
        presence.connected(session, previous.isPresent());
        if (session.subscribed()) {
            downlink.dispatch(session);
        }
        return previous;
    }

    /** The connection of the session closed. Event loop of the session. */
    public void closed(DeviceSession session) {
        registry.remove(session);
        if (session.takenOver()) {
            log.info("device={} old connection closed (session taken over)", session.deviceId());
            return;
        }
        DeviceSession.Will will = session.will();
        if (will != null) {
            session.endReason("will");
            Submission s = new Submission(session.deviceId(), session.elderId(), will.topic(), MessageKind.STATUS,
                    codec.decode(MessageKind.STATUS, will.payload()), will.payload(), Instant.now(clock),
                    session.remoteAddress());
            if (!writer.submit(s)) {
                log.warn("device={} will not stored: ingest queue full", session.deviceId());
            }
        }
        log.info("device={} connection closed ({})", session.deviceId(), session.endReason());
        presence.disconnected(session);
    }
}
