package care.anxin.store.alerting;

import static care.anxin.store.alerting.Sql.instant;
import static care.anxin.store.alerting.Sql.nullableLong;
import static care.anxin.store.alerting.Sql.ts;

import care.anxin.domain.event.DeviceEventKind;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Claims of the durable device_event queue, in two lanes: urgent kinds (SOS, FALL, FALL_CANCELLED)
 * and the rest, so a flood of vitals never sits in front of an SOS. Call inside a transaction: the
 * claims are row locks.
 */
public class EventQueueRepository {

    /** Advisory-lock namespaces of per-elder event processing, one per lane (two int keys: namespace, elder). */
    private static final int ELDER_LOCK_NAMESPACE = 0x414C5254; // "ALRT"
    private static final int URGENT_ELDER_LOCK_NAMESPACE = 0x41555247; // "AURG"
    /** The urgent kinds as an SQL list; matches the partial index device_event_urgent_pending_idx (V40). */
    static final String URGENT_KINDS = Arrays.stream(DeviceEventKind.values()).filter(DeviceEventKind::urgent)
            .map(k -> "'" + k.name() + "'").collect(Collectors.joining(", ", "(", ")"));
    private static final String COLUMNS = "id, elder_id, device_id, kind, occurred_at, received_at, msg_id, payload::text AS payload, attempts";

    private final JdbcTemplate jdbc;

    public EventQueueRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The oldest due unprocessed events of the lane not claimed by another consumer, locked until commit. */
    public List<DeviceEventRow> claim(boolean urgent, int limit, Instant now) {
        return jdbc.query("SELECT " + COLUMNS + " FROM device_event WHERE processed_at IS NULL AND kind "
                        + (urgent ? "IN " : "NOT IN ") + URGENT_KINDS
                        + " AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
                MAPPER, ts(now), limit);
    }

    /**
     * Serialises the processing of one elder's events of a lane across consumers without waiting:
     * false when another consumer holds the elder, whose events are then left for the next round
     * (keeps their order, e.g. a cancel after its fall).
     */
    public boolean tryLockElder(boolean urgent, long elderId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?, ?)", Boolean.class,
                urgent ? URGENT_ELDER_LOCK_NAMESPACE : ELDER_LOCK_NAMESPACE, (int) (elderId % Integer.MAX_VALUE)));
    }

    public void markProcessed(long id, Instant at) {
        jdbc.update("UPDATE device_event SET processed_at = ?, next_attempt_at = NULL WHERE id = ?", ts(at), id);
    }

    /** Marks many events processed without applying a rule (coalesced into a sibling, or over a device's rate). */
    public void markSkipped(List<Long> ids, String reason, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.update("UPDATE device_event SET processed_at = ?, last_error = ? WHERE id = ANY (?)", ps -> {
            ps.setTimestamp(1, ts(at));
            ps.setString(2, reason);
            ps.setArray(3, ps.getConnection().createArrayOf("int8", ids.toArray()));
        });
    }

    /** A failed attempt: retried at nextAttemptAt. */
    public void markRetry(long id, String error, Instant nextAttemptAt) {
        jdbc.update("UPDATE device_event SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                error, ts(nextAttemptAt), id);
    }

    /** Gives up on a (non-urgent) event: closed and parked with its error kept, listed for admins. */
    public void markParked(long id, String error, Instant at) {
        jdbc.update("""
                UPDATE device_event SET attempts = attempts + 1, last_error = ?, processed_at = ?, parked_at = ?,
                       next_attempt_at = NULL WHERE id = ?""", error, ts(at), ts(at), id);
    }

    /** True when an older event of this kind for the elder is still waiting (claimed elsewhere). */
    public boolean hasUnprocessedBefore(long elderId, DeviceEventKind kind, long beforeId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM device_event WHERE elder_id = ? AND kind = ? AND id < ? AND processed_at IS NULL)""",
                Boolean.class, elderId, kind.name(), beforeId));
    }

    /** When the oldest unprocessed urgent event was received (empty when none waits): the urgent lane's health. */
    public Optional<Instant> oldestUrgentReceivedAt() {
        return Optional.ofNullable(jdbc.queryForObject(
                "SELECT min(received_at) FROM device_event WHERE processed_at IS NULL AND kind IN " + URGENT_KINDS,
                (rs, i) -> instant(rs, "min")));
    }

    private static final RowMapper<DeviceEventRow> MAPPER = (rs, i) -> new DeviceEventRow(rs.getLong("id"),
            nullableLong(rs, "elder_id"), rs.getString("device_id"),
            DeviceEventKind.fromName(rs.getString("kind")).orElse(null), rs.getString("kind"),
            instant(rs, "occurred_at"), instant(rs, "received_at"), rs.getString("msg_id"), rs.getString("payload"),
            rs.getInt("attempts"));
}
