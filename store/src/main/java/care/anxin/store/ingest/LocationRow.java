package care.anxin.store.ingest;

import java.time.Instant;

/** One position fix as stored in {@code location}. */
public record LocationRow(Instant time, long elderId, String deviceId, double lat, double lon, Double accuracyM,
                          String source, Instant receivedAt, int flags) {
}
