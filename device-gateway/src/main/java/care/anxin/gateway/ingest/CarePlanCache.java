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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each elder's effective care plan (own thresholds, gaps filled with the defaults of the elder's
 * age band), cached for a while so classification costs no query per message. A stored plan that
 * no longer parses (edited in the database, written by an older version) falls back to the age
 * defaults: it must never fail a batch holding that elder's messages, least of all an SOS. Such a
 * plan is logged once, counted ({@code anxin.gateway.careplan.unreadable}) and listed in health.
 */
public class CarePlanCache {

    private static final Logger log = LoggerFactory.getLogger(CarePlanCache.class);
    /** Used when an elder row is missing (deleted after the device connected). */
    private static final int FALLBACK_AGE = 80;

    private record Entry(CarePlan plan, long loadedAtNanos) {
    }

    private final DeviceDirectory directory;
    private final long ttlNanos;
    private final Clock clock;
    private final Map<Long, Entry> cache = new ConcurrentHashMap<>();
    /** Elders whose stored plan is unreadable, with the stored text and the reason (logged once per text). */
    private final Map<Long, UnreadablePlan> unreadable = new ConcurrentHashMap<>();
    private final Runnable onNewlyUnreadable;

    /** A stored care plan that could not be read; the elder is classified with the age defaults. */
    public record UnreadablePlan(String storedJson, String reason) {
    }

    public CarePlanCache(DeviceDirectory directory, Duration ttl, Clock clock, Runnable onNewlyUnreadable) {
        this.directory = directory;
        this.ttlNanos = ttl.toNanos();
        this.clock = clock;
        this.onNewlyUnreadable = onNewlyUnreadable;
    }

    /** Elders currently classified with the age defaults because their stored plan is unreadable. */
    public Map<Long, UnreadablePlan> unreadable() {
        return Map.copyOf(unreadable);
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
                CarePlan plan = effective(p.elderId(), p.carePlanJson(), age);
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

    private CarePlan effective(long elderId, String storedJson, int age) {
        try {
            CarePlan plan = CarePlanJson.parse(storedJson).withDefaultsForAge(age);
            if (unreadable.remove(elderId) != null) {
                log.info("Care plan of elder {} is readable again", elderId);
            }
            return plan;
        } catch (RuntimeException e) {
            UnreadablePlan problem = new UnreadablePlan(storedJson, e.getMessage());
            UnreadablePlan before = unreadable.put(elderId, problem);
            if (before == null || !before.storedJson().equals(storedJson)) {
                log.error("Care plan of elder {} is unreadable ({}); classifying with the defaults for age {} "
                        + "until it is corrected", elderId, e.getMessage(), age);
                onNewlyUnreadable.run();
            }
            return CarePlan.defaultsForAge(age);
        }
    }
}
