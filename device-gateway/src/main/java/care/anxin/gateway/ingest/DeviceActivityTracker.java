package care.anxin.gateway.ingest;

import care.anxin.store.ingest.DeviceActivity;
import care.anxin.store.ingest.PresenceRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds every sign of life (message, ping, battery, firmware) in memory and writes device
 * last_seen/battery in one statement per flush, instead of one write per message.
 */
public class DeviceActivityTracker {

    private static final Logger log = LoggerFactory.getLogger(DeviceActivityTracker.class);

    private final PresenceRepository repository;
    private final ConcurrentMap<String, DeviceActivity> pending = new ConcurrentHashMap<>();

    public DeviceActivityTracker(PresenceRepository repository) {
        this.repository = repository;
    }

    public void seen(String deviceId, Instant at, Integer battery, String firmware) {
        DeviceActivity a = new DeviceActivity(deviceId, at, battery, firmware);
        pending.merge(deviceId, a, DeviceActivity::merge);
    }

    /** Writes what accumulated; on failure puts it back for the next flush. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<DeviceActivity> batch = new ArrayList<>(pending.size());
        for (String id : List.copyOf(pending.keySet())) {
            DeviceActivity a = pending.remove(id);
            if (a != null) {
                batch.add(a);
            }
        }
        try {
            repository.touch(batch);
        } catch (RuntimeException e) {
            log.warn("Cannot write last-seen of {} devices, will retry: {}", batch.size(), e.getMessage());
            for (DeviceActivity a : batch) {
                pending.merge(a.deviceId(), a, (newer, older) -> older.merge(newer));
            }
        }
    }
}
