package care.anxin.store.ingest;

import java.time.Instant;

/** One position report without coordinates as stored in {@code radio_fix}; {@code scanJson} is a RadioScan. */
public record RadioFixRow(Instant time, long elderId, String deviceId, String source, String scanJson,
                          Instant receivedAt, int flags) {
}
