package care.anxin.store.clinical;

import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Follow-ups done, and the plan they move forward (elder_condition.next_follow_up). */
public class FollowUpRepository {

    private final NamedParameterJdbcTemplate jdbc;

    public FollowUpRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a follow-up and moves the plan: the followed-up condition (or, for a general
     * follow-up, every planned condition) is next due on nextDue, or after its interval. Runs in
     * the caller's transaction; answers the new id.
     */
    public long record(FollowUp f, Long doctorUserId) {
        MapSqlParameterSource p = new MapSqlParameterSource("elderId", f.elderId()).addValue("icd10", f.icd10())
                .addValue("doneOn", f.doneOn()).addValue("way", f.way()).addValue("sbp", f.sbp())
                .addValue("dbp", f.dbp()).addValue("glucose", f.glucose()).addValue("notes", f.notes())
                .addValue("nextDue", f.nextDue()).addValue("doctorId", doctorUserId)
                .addValue("doctorName", f.doctorName());
        Long id = jdbc.queryForObject("""
                INSERT INTO follow_up (elder_id, icd10, done_on, way, sbp, dbp, glucose, notes, next_due,
                                       doctor_user_id, doctor_name)
                VALUES (:elderId, :icd10, :doneOn, :way, :sbp, :dbp, :glucose, :notes, :nextDue, :doctorId, :doctorName)
                RETURNING id
                """, p, Long.class);
        jdbc.update("""
                UPDATE elder_condition SET next_follow_up = COALESCE(CAST(:nextDue AS date),
                                                                     CAST(:doneOn AS date) + follow_up_days)
                WHERE elder_id = :elderId AND follow_up_days IS NOT NULL
                  AND (CAST(:icd10 AS text) IS NULL OR icd10 = :icd10)
                """, p);
        return id;
    }

    /** Follow-ups done between the dates (inclusive), newest first. */
    public List<FollowUp> between(long elderId, LocalDate from, LocalDate to, int limit) {
        return jdbc.query("""
                SELECT * FROM follow_up WHERE elder_id = :id AND done_on BETWEEN :from AND :to
                ORDER BY done_on DESC, id DESC LIMIT :limit
                """, new MapSqlParameterSource("id", elderId).addValue("from", from).addValue("to", to)
                .addValue("limit", limit), (rs, i) -> new FollowUp(rs.getLong("id"), rs.getLong("elder_id"),
                rs.getString("icd10"), rs.getObject("done_on", LocalDate.class), rs.getString("way"),
                (Integer) rs.getObject("sbp"), (Integer) rs.getObject("dbp"), (Double) rs.getObject("glucose"),
                rs.getString("notes"), rs.getObject("next_due", LocalDate.class), rs.getString("doctor_name")));
    }
}
