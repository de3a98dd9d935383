package care.anxin.store.ingest;

import java.time.Instant;

/** One vital-sign reading as stored in {@code observation}. */
public record ObservationRow(Instant time, long elderId, String deviceId, String code, double value,
                             Instant receivedAt, int flags) {
}
