package care.anxin.gateway.ingest;

import care.anxin.domain.care.CarePlan;
import care.anxin.domain.care.CarePlanJson;
import care.anxin.store.ingest.DeviceDirectory;
import care.anxin.store.ingest.ElderProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each elder's effective care plan (own thresholds, gaps filled with the defaults of the elder's
 * age band), cached for a while so classification costs no query per message.
 */
public class CarePlanCache {

    /** Used when an elder row is missing (deleted after the device connected). */
    private static final int FALLBACK_AGE = 80;

    private record Entry(CarePlan plan, long loadedAtNanos) {
    }

    private final DeviceDirectory directory;
    private final long ttlNanos;
    private final Clock clock;
    private final Map<Long, Entry> cache = new ConcurrentHashMap<>();

    public CarePlanCache(DeviceDirectory directory, Duration ttl, Clock clock) {
        this.directory = directory;
        this.ttlNanos = ttl.toNanos();
        this.clock = clock;
    }

    /** Plans of these elders; loads missing or stale ones in one query (may throw if the database is down). */
    public Map<Long, CarePlan> plans(Set<Long> elderIds) {
        long now = System.nanoTime();
        Map<Long, CarePlan> out = new HashMap<>();
        Set<Long> load = new HashSet<>();
        for (Long id : elderIds) {
            Entry e = cache.get(id);
            if (e == null || now - e.loadedAtNanos > ttlNanos) {
                load.add(id);
            } else {
                out.put(id, e.plan);
            }
        }
        if (!load.isEmpty()) {
            LocalDate today = LocalDate.now(clock);
            for (ElderProfile p : directory.elders(load)) {
                int age = p.birthDate() == null ? FALLBACK_AGE : Period.between(p.birthDate(), today).getYears();
                CarePlan plan = CarePlanJson.parse(p.carePlanJson()).withDefaultsForAge(age);
                cache.put(p.elderId(), new Entry(plan, now));
                out.put(p.elderId(), plan);
                load.remove(p.elderId());
            }
            for (Long missing : load) {
                out.put(missing, CarePlan.defaultsForAge(FALLBACK_AGE));
            }
        }
        return out;
    }
}
