package care.anxin.gateway.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Backpressure: a connection stops being read (autoRead off) while it has too many messages
 * waiting for the database, or while all connections together do. Reading resumes when the
 * backlog drains, so memory stays bounded and devices simply wait (and keep their unacked messages).
 */
public class ReadGate {

    private final int perConnection;
    private final int global;
    private final int globalResume;
    private final AtomicInteger inflight = new AtomicInteger();
    private final Set<DeviceSession> waitingForGlobal = ConcurrentHashMap.newKeySet();

    public ReadGate(int perConnection, int global) {
        this.perConnection = perConnection;
        this.global = global;
        this.globalResume = Math.max(1, global * 3 / 4);
    }

    public int inflight() {
        return inflight.get();
    }

    public int pausedConnections() {
        return waitingForGlobal.size();
    }

    /** A message of this session went to the database. Event loop of the session. */
    public void admitted(DeviceSession session) {
        inflight.incrementAndGet();
        if (session.pendingAcks.size() >= perConnection || inflight.get() >= global) {
            pause(session);
        }
    }

    /** A message of this session was answered. Event loop of the session. */
    public void completed(DeviceSession session) {
        int now = inflight.decrementAndGet();
        if (session.readPaused) {
            maybeResume(session);
        }
        if (now <= globalResume && !waitingForGlobal.isEmpty()) {
            for (DeviceSession s : waitingForGlobal) {
                if (waitingForGlobal.remove(s)) {
                    s.channel().eventLoop().execute(() -> maybeResume(s));
                }
            }
        }
    }

    /** Gives back the capacity of answers that will never come (connection closed). */
    public void abandoned(DeviceSession session, int count) {
        inflight.addAndGet(-count);
        waitingForGlobal.remove(session);
    }

    private void pause(DeviceSession session) {
        if (!session.readPaused) {
            session.readPaused = true;
            session.channel().config().setAutoRead(false);
        }
    }

    private void maybeResume(DeviceSession session) {
        if (!session.readPaused || !session.channel().isActive()) {
            return;
        }
        if (session.pendingAcks.size() > perConnection / 2) {
            return; // this session's own completions will come back here
        }
        if (inflight.get() > globalResume) {
            waitingForGlobal.add(session);
            // Re-check: the backlog may have drained between the test and the add.
            if (inflight.get() > globalResume || !waitingForGlobal.remove(session)) {
                return;
            }
        }
        session.readPaused = false;
        session.channel().config().setAutoRead(true);
        session.channel().read();
    }
}
