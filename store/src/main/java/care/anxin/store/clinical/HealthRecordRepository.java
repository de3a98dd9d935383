package care.anxin.store.clinical;

import care.anxin.store.clinical.HealthRecord.Condition;
import care.anxin.store.clinical.HealthRecord.Medication;
import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Health records by elder id. Callers check the viewer's scope on the elder first; the record
 * itself carries no organization of its own.
 */
public class HealthRecordRepository {

    private final NamedParameterJdbcTemplate jdbc;

    public HealthRecordRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public HealthRecord find(long elderId) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", elderId);
        List<Condition> conditions = conditions(elderId);
        List<Medication> medications = jdbc.query("""
                SELECT name, dose, schedule FROM elder_medication WHERE elder_id = :id ORDER BY position, id
                """, p, (rs, i) -> new Medication(rs.getString("name"), rs.getString("dose"), rs.getString("schedule")));
        List<HealthRecord> found = jdbc.query("""
                SELECT h.*, u.display_name FROM health_record h LEFT JOIN app_user u ON u.id = h.updated_by
                WHERE h.elder_id = :id
                """, p, (rs, i) -> new HealthRecord(elderId, rs.getString("blood_type"), rs.getString("care_level"),
                texts(rs.getArray("allergies")), rs.getString("notes"), conditions, medications,
                rs.getTimestamp("updated_at").toInstant(), rs.getString("display_name")));
        if (!found.isEmpty()) {
            return found.get(0);
        }
        return new HealthRecord(elderId, null, null, List.of(), null, conditions, medications, null, null);
    }

    public List<Condition> conditions(long elderId) {
        return jdbc.query("""
                SELECT icd10, name, diagnosed_on, follow_up_days, next_follow_up FROM elder_condition
                WHERE elder_id = :id ORDER BY created_at, id
                """, new MapSqlParameterSource("id", elderId), (rs, i) -> new Condition(rs.getString("icd10"),
                rs.getString("name"), rs.getObject("diagnosed_on", LocalDate.class),
                (Integer) rs.getObject("follow_up_days"), rs.getObject("next_follow_up", LocalDate.class)));
    }

    /**
     * Replaces the record (conditions are matched by ICD-10 code so their follow-up state survives
     * an edit; medications are replaced in order) and mirrors the condition names into
     * elder.conditions, which the incident cards show. A planned condition without a date falls due
     * {@code followUpDays} after {@code today}. Runs in the caller's transaction.
     */
    public void replace(HealthRecord record, long editorUserId, LocalDate today) {
        long elderId = record.elderId();
        MapSqlParameterSource p = new MapSqlParameterSource("id", elderId).addValue("bloodType", record.bloodType())
                .addValue("careLevel", record.careLevel()).addValue("notes", record.notes())
                .addValue("allergies", record.allergies().toArray(String[]::new)).addValue("by", editorUserId);
        jdbc.update("""
                INSERT INTO health_record (elder_id, blood_type, care_level, allergies, notes, updated_at, updated_by)
                VALUES (:id, :bloodType, :careLevel, :allergies, :notes, now(), :by)
                ON CONFLICT (elder_id) DO UPDATE SET blood_type = EXCLUDED.blood_type, care_level = EXCLUDED.care_level,
                    allergies = EXCLUDED.allergies, notes = EXCLUDED.notes, updated_at = now(), updated_by = :by
                """, p);
        List<String> codes = record.conditions().stream().map(Condition::icd10).toList();
        jdbc.update("DELETE FROM elder_condition WHERE elder_id = :id AND NOT (icd10 = ANY(:codes))",
                new MapSqlParameterSource("id", elderId).addValue("codes", codes.toArray(String[]::new)));
        for (Condition c : record.conditions()) {
            jdbc.update("""
                    INSERT INTO elder_condition (elder_id, icd10, name, diagnosed_on, follow_up_days, next_follow_up)
                    VALUES (:id, :icd10, :name, :diagnosedOn, :days,
                            COALESCE(:next, CAST(:today AS date) + CAST(:days AS int)))
                    ON CONFLICT (elder_id, icd10) DO UPDATE SET name = EXCLUDED.name,
                        diagnosed_on = EXCLUDED.diagnosed_on, follow_up_days = EXCLUDED.follow_up_days,
                        next_follow_up = CASE WHEN EXCLUDED.follow_up_days IS NULL THEN NULL
                                              ELSE COALESCE(:next, elder_condition.next_follow_up,
                                                            CAST(:today AS date) + CAST(:days AS int)) END
                    """, new MapSqlParameterSource("id", elderId).addValue("icd10", c.icd10()).addValue("name", c.name())
                    .addValue("diagnosedOn", c.diagnosedOn()).addValue("days", c.followUpDays())
                    .addValue("next", c.nextFollowUp()).addValue("today", today));
        }
        jdbc.update("DELETE FROM elder_medication WHERE elder_id = :id", new MapSqlParameterSource("id", elderId));
        int position = 0;
        for (Medication m : record.medications()) {
            jdbc.update("""
                    INSERT INTO elder_medication (elder_id, position, name, dose, schedule)
                    VALUES (:id, :position, :name, :dose, :schedule)
                    """, new MapSqlParameterSource("id", elderId).addValue("position", position++)
                    .addValue("name", m.name()).addValue("dose", m.dose()).addValue("schedule", m.schedule()));
        }
        jdbc.update("UPDATE elder SET conditions = :names WHERE id = :id", new MapSqlParameterSource("id", elderId)
                .addValue("names", record.conditions().stream().map(Condition::name).toArray(String[]::new)));
    }

    /** An audited change of the record (audit_log, action HEALTH_RECORD_UPDATE). */
    public record Change(java.time.Instant at, String username, String detailJson) {
    }

    /** The record's audited changes, newest first. */
    public List<Change> changes(long elderId, int limit) {
        return jdbc.query("""
                SELECT at, username, detail::text AS detail FROM audit_log
                WHERE target_type = 'health_record' AND target_id = :id ORDER BY at DESC, id DESC LIMIT :limit
                """, new MapSqlParameterSource("id", Long.toString(elderId)).addValue("limit", limit),
                (rs, i) -> new Change(rs.getTimestamp("at").toInstant(), rs.getString("username"), rs.getString("detail")));
    }

    /** Catalogue entries whose code or Chinese/English name contains q (all when q is blank), by code. */
    public List<CatalogueEntry> catalogue(String q) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String where = "";
        if (q != null && !q.isBlank()) {
            p.addValue("q", "%" + q.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            where = " WHERE icd10 ILIKE :q OR name_zh LIKE :q OR name_en ILIKE :q";
        }
        return jdbc.query("SELECT * FROM condition_catalogue" + where + " ORDER BY icd10", p,
                (rs, i) -> new CatalogueEntry(rs.getString("icd10"), rs.getString("name_zh"), rs.getString("name_en"),
                        (Integer) rs.getObject("follow_up_days")));
    }

    static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) array.getArray()));
    }
}
