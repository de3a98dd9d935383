package care.anxin.gateway.session;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The devices connected to this node: at most one live session per device id. */
public class SessionRegistry {

    private final ConcurrentMap<String, DeviceSession> sessions = new ConcurrentHashMap<>();

    /** Registers the session and returns the one it replaces (session takeover), if any. */
    public Optional<DeviceSession> register(DeviceSession session) {
        return Optional.ofNullable(sessions.put(session.deviceId(), session));
    }

    /** Removes the session unless a newer one already replaced it. */
    public boolean remove(DeviceSession session) {
        return sessions.remove(session.deviceId(), session);
    }

    public Optional<DeviceSession> get(String deviceId) {
        return Optional.ofNullable(sessions.get(deviceId));
    }

    public Collection<DeviceSession> all() {
        return sessions.values();
    }

    public int size() {
        return sessions.size();
    }
}
