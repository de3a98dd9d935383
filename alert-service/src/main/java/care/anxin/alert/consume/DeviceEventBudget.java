package care.anxin.alert.consume;

import care.anxin.store.alerting.DeviceEventRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A device may raise at most perMinute non-urgent events per clock minute (per consumer instance):
 * a faulty sensor cannot keep the alert service busy. Events over the budget stay stored and are
 * marked, never silently lost. Urgent events have no budget. Used by one consumer thread.
 */
final class DeviceEventBudget {

    record Split(List<DeviceEventRow> admitted, List<DeviceEventRow> over) {
    }

    private final int perMinute;
    private final Map<String, Integer> counts = new HashMap<>();
    private long minute = Long.MIN_VALUE;

    DeviceEventBudget(int perMinute) {
        this.perMinute = perMinute;
    }

    Split admit(List<DeviceEventRow> events, Instant now) {
        long current = now.getEpochSecond() / 60;
        if (current != minute) {
            counts.clear();
            minute = current;
        }
        List<DeviceEventRow> admitted = new ArrayList<>();
        List<DeviceEventRow> over = new ArrayList<>();
        for (DeviceEventRow e : events) {
            if (e.deviceId() == null || counts.merge(e.deviceId(), 1, Integer::sum) <= perMinute) {
                admitted.add(e);
            } else {
                over.add(e);
            }
        }
        return new Split(admitted, over);
    }
}
