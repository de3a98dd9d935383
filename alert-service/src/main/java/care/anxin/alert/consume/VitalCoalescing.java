package care.anxin.alert.consume;

import care.anxin.domain.event.AbnormalReading;
import care.anxin.domain.event.DeviceEventKind;
import care.anxin.domain.vital.VitalSign;
import care.anxin.store.alerting.DeviceEventRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Abnormal vitals of one elder and vital code in one batch are one piece of news: only the most
 * severe (critical before abnormal, then the newest) is applied; the others are merged into it. A
 * flood of abnormal readings so costs one incident write per elder and code per round.
 */
final class VitalCoalescing {

    /** kept: the events to apply, in queue order; merged: kept event id → the events merged into it. */
    record Result(List<DeviceEventRow> kept, Map<Long, List<DeviceEventRow>> merged) {
    }

    private record Key(long elderId, VitalSign code) {
    }

    private VitalCoalescing() {
    }

    static Result of(List<DeviceEventRow> batch) {
        Map<Key, DeviceEventRow> best = new HashMap<>();
        Map<Key, List<DeviceEventRow>> group = new HashMap<>();
        for (DeviceEventRow e : batch) {
            Key key = key(e);
            if (key == null) {
                continue;
            }
            group.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
            DeviceEventRow current = best.get(key);
            if (current == null || !moreSevere(current, e)) {
                best.put(key, e);
            }
        }
        List<DeviceEventRow> kept = new ArrayList<>();
        Map<Long, List<DeviceEventRow>> merged = new LinkedHashMap<>();
        for (DeviceEventRow e : batch) {
            Key key = key(e);
            if (key == null || best.get(key) == e) {
                kept.add(e);
            } else {
                merged.computeIfAbsent(best.get(key).id(), id -> new ArrayList<>()).add(e);
            }
        }
        return new Result(kept, merged);
    }

    /** Null for events that are not coalesced (other kinds, no elder, or an unreadable payload: it fails on its own). */
    private static Key key(DeviceEventRow e) {
        if (e.kind() != DeviceEventKind.VITAL_ABNORMAL || e.elderId() == null) {
            return null;
        }
        try {
            AbnormalReading r = (AbnormalReading) e.payload();
            return r.code() == null || r.classification() == null ? null : new Key(e.elderId(), r.code());
        } catch (IllegalArgumentException broken) {
            return null;
        }
    }

    /** True when a beats b (more critical; equal criticality: the older one loses to the newer b). */
    private static boolean moreSevere(DeviceEventRow a, DeviceEventRow b) {
        return critical(a) && !critical(b);
    }

    private static boolean critical(DeviceEventRow e) {
        return ((AbnormalReading) e.payload()).classification().critical();
    }
}
