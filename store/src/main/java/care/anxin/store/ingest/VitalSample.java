package care.anxin.store.ingest;

import care.anxin.domain.vital.VitalSign;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of {@code vital_sample}: the readings of one device at one instant, a value per vital
 * sign (null where the sample has none). Packing the readings of a message into as few rows as
 * possible is what makes a 4-reading message one heap tuple and one index entry instead of four.
 */
record VitalSample(Instant time, long elderId, String deviceId, Instant receivedAt, int flags, Double[] values) {

    private static final VitalSign[] SIGNS = VitalSign.values();

    /**
     * The readings as samples: readings that share time, elder, device, receipt time and flags
     * share a row, in the order they came; a code already in that row starts another one.
     */
    static List<VitalSample> pack(List<ObservationRow> readings) {
        List<VitalSample> samples = new ArrayList<>(Math.max(1, readings.size() / 4));
        for (ObservationRow r : readings) {
            int slot = VitalSign.valueOf(r.code()).ordinal();
            VitalSample target = null;
            for (int i = samples.size() - 1; i >= 0 && target == null; i--) {
                VitalSample s = samples.get(i);
                if (s.holds(r) && s.values[slot] == null) {
                    target = s;
                }
            }
            if (target == null) {
                target = new VitalSample(r.time(), r.elderId(), r.deviceId(), r.receivedAt(), r.flags(),
                        new Double[SIGNS.length]);
                samples.add(target);
            }
            target.values[slot] = r.value();
        }
        return samples;
    }

    private boolean holds(ObservationRow r) {
        return time.equals(r.time()) && elderId == r.elderId() && deviceId.equals(r.deviceId())
                && receivedAt.equals(r.receivedAt()) && flags == r.flags();
    }
}
