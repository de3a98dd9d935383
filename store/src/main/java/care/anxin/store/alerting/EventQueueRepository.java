package care.anxin.store.alerting;

import static care.anxin.store.alerting.Sql.instant;
import static care.anxin.store.alerting.Sql.nullableLong;
import static care.anxin.store.alerting.Sql.ts;

import care.anxin.domain.event.DeviceEventKind;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Claims of the durable device_event queue. Call inside a transaction: the claims are row locks. */
public class EventQueueRepository {

    /** Advisory-lock namespace of per-elder event processing (two int keys: namespace, elder). */
    private static final int ELDER_LOCK_NAMESPACE = 0x414C5254; // "ALRT"

    private final JdbcTemplate jdbc;

    public EventQueueRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The oldest unprocessed events not claimed by another consumer, locked until commit. */
    public List<DeviceEventRow> claim(int limit) {
        return jdbc.query("""
                SELECT id, elder_id, device_id, kind, occurred_at, received_at, msg_id, payload::text AS payload, attempts
                FROM device_event WHERE processed_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""",
                (rs, i) -> new DeviceEventRow(rs.getLong("id"), nullableLong(rs, "elder_id"), rs.getString("device_id"),
                        DeviceEventKind.fromName(rs.getString("kind")).orElse(null), rs.getString("kind"),
                        instant(rs, "occurred_at"), instant(rs, "received_at"),
                        rs.getString("msg_id"), rs.getString("payload"), rs.getInt("attempts")),
                limit);
    }

    /**
     * Serialises the processing of one elder's events across consumers without waiting: false when
     * another consumer holds the elder, whose events are then left for the next round (keeps order).
     */
    public boolean tryLockElder(long elderId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?, ?)", Boolean.class,
                ELDER_LOCK_NAMESPACE, (int) (elderId % Integer.MAX_VALUE)));
    }

    public void markProcessed(long id, Instant at) {
        jdbc.update("UPDATE device_event SET processed_at = ? WHERE id = ?", ts(at), id);
    }

    /** Records a failed attempt; after giving up the event is closed with its error kept. */
    public void markFailed(long id, String error, boolean giveUp, Instant at) {
        jdbc.update("UPDATE device_event SET attempts = attempts + 1, last_error = ?, processed_at = ? WHERE id = ?",
                error, giveUp ? ts(at) : null, id);
    }

    /** True when an older event of this kind for the elder is still waiting (claimed elsewhere). */
    public boolean hasUnprocessedBefore(long elderId, DeviceEventKind kind, long beforeId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM device_event WHERE elder_id = ? AND kind = ? AND id < ? AND processed_at IS NULL)""",
                Boolean.class, elderId, kind.name(), beforeId));
    }
}
