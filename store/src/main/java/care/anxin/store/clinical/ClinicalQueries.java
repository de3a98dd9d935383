package care.anxin.store.clinical;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Clinical facts about one elder for the printable report and the FHIR API: raw readings,
 * statistics over a period, incidents, the care team. By elder id: callers check scope first.
 */
public class ClinicalQueries {

    /** One stored reading. */
    public record Reading(Instant time, String code, double value) {
    }

    /** min/avg/max of one vital over a period (or one day of it). */
    public record Stat(String code, LocalDate day, double min, double avg, double max, long n) {
    }

    /** An incident with its outcome. */
    public record Incident(long id, String kind, String severity, String status, String title, Instant openedAt,
                           Instant acknowledgedAt, Instant resolvedAt, String outcome, String detail) {
    }

    /** A doctor contract: the care team member and the period. */
    public record CareTeamMember(long contractId, long doctorUserId, String doctorName, String phone,
                                 String organizationName, LocalDate validFrom, LocalDate validTo) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public ClinicalQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Readings in [from, to), optionally of some codes only, oldest first, at most limit (the newest kept). */
    public List<Reading> readings(long elderId, Instant from, Instant to, List<String> codes, int limit) {
        MapSqlParameterSource p = range(elderId, from, to).addValue("limit", limit);
        String codeFilter = "";
        if (codes != null && !codes.isEmpty()) {
            p.addValue("codes", codes.toArray(String[]::new));
            codeFilter = " AND code = ANY(:codes)";
        }
        return jdbc.query("""
                SELECT time, code, value FROM (
                    SELECT time, code, value FROM observation
                    WHERE elder_id = :elderId AND time >= :from AND time < :to""" + codeFilter + """
                     ORDER BY time DESC, code LIMIT :limit) newest
                ORDER BY time, code
                """, p, (rs, i) -> new Reading(rs.getTimestamp("time").toInstant(), rs.getString("code"),
                rs.getDouble("value")));
    }

    /** min/avg/max per code over [from, to) (day null), from the raw readings. */
    public List<Stat> stats(long elderId, Instant from, Instant to) {
        return jdbc.query("""
                SELECT code, min(value) AS mn, avg(value) AS av, max(value) AS mx, count(*) AS n FROM observation
                WHERE elder_id = :elderId AND time >= :from AND time < :to GROUP BY code ORDER BY code
                """, range(elderId, from, to), (rs, i) -> new Stat(rs.getString("code"), null, rs.getDouble("mn"),
                rs.getDouble("av"), rs.getDouble("mx"), rs.getLong("n")));
    }

    /** min/avg/max per code and local day over [from, to). */
    public List<Stat> dailyStats(long elderId, Instant from, Instant to, ZoneId zone) {
        return jdbc.query("""
                SELECT code, (time AT TIME ZONE :zone)::date AS day, min(value) AS mn, avg(value) AS av,
                       max(value) AS mx, count(*) AS n
                FROM observation WHERE elder_id = :elderId AND time >= :from AND time < :to
                GROUP BY code, day ORDER BY code, day
                """, range(elderId, from, to).addValue("zone", zone.getId()), (rs, i) -> new Stat(rs.getString("code"),
                rs.getObject("day", LocalDate.class), rs.getDouble("mn"), rs.getDouble("av"), rs.getDouble("mx"),
                rs.getLong("n")));
    }

    /** The latest reading of each code at or before the instant, looking back at most lookBackDays. */
    public List<Reading> latestBefore(long elderId, Instant at, int lookBackDays, List<String> codes) {
        MapSqlParameterSource p = range(elderId, at.minusSeconds(86_400L * lookBackDays), at.plusMillis(1))
                .addValue("codes", codes.toArray(String[]::new));
        return jdbc.query("""
                SELECT c.code, l.time, l.value FROM unnest(CAST(:codes AS text[])) AS c(code)
                CROSS JOIN LATERAL (SELECT time, value FROM observation o WHERE o.elder_id = :elderId
                    AND o.code = c.code AND o.time >= :from AND o.time < :to ORDER BY o.time DESC LIMIT 1) l
                ORDER BY c.code
                """, p, (rs, i) -> new Reading(rs.getTimestamp("time").toInstant(), rs.getString("code"),
                rs.getDouble("value")));
    }

    /** Incidents opened in [from, to), oldest first. */
    public List<Incident> incidents(long elderId, Instant from, Instant to, int limit) {
        return jdbc.query("""
                SELECT id, kind, severity, status, title, opened_at, acknowledged_at, resolved_at, outcome,
                       detail::text AS detail
                FROM alert WHERE elder_id = :elderId AND opened_at >= :from AND opened_at < :to
                ORDER BY opened_at, id LIMIT :limit
                """, range(elderId, from, to).addValue("limit", limit), (rs, i) -> incident(rs));
    }

    public java.util.Optional<Incident> incident(long elderId, long alertId) {
        return jdbc.query("""
                SELECT id, kind, severity, status, title, opened_at, acknowledged_at, resolved_at, outcome,
                       detail::text AS detail
                FROM alert WHERE elder_id = :elderId AND id = :id
                """, new MapSqlParameterSource("elderId", elderId).addValue("id", alertId), (rs, i) -> incident(rs))
                .stream().findFirst();
    }

    /** Doctor contracts of the elder (current and past), newest first. */
    public List<CareTeamMember> careTeam(long elderId) {
        return jdbc.query("""
                SELECT c.id, c.doctor_user_id, u.display_name, u.phone, o.name AS org_name, c.valid_from, c.valid_to
                FROM doctor_contract c JOIN app_user u ON u.id = c.doctor_user_id
                JOIN organization o ON o.id = u.organization_id
                WHERE c.elder_id = :elderId ORDER BY c.valid_from DESC, c.id DESC
                """, new MapSqlParameterSource("elderId", elderId), (rs, i) -> new CareTeamMember(rs.getLong("id"),
                rs.getLong("doctor_user_id"), rs.getString("display_name"), rs.getString("phone"),
                rs.getString("org_name"), rs.getObject("valid_from", LocalDate.class),
                rs.getObject("valid_to", LocalDate.class)));
    }

    /** The elder an incident is about (for scope checks of reads by incident id). */
    public java.util.Optional<Long> elderOfIncident(long alertId) {
        return jdbc.queryForList("SELECT elder_id FROM alert WHERE id = :id", new MapSqlParameterSource("id", alertId),
                Long.class).stream().findFirst();
    }

    /** The elder of a doctor contract. */
    public java.util.Optional<Long> elderOfContract(long contractId) {
        return jdbc.queryForList("SELECT elder_id FROM doctor_contract WHERE id = :id",
                new MapSqlParameterSource("id", contractId), Long.class).stream().findFirst();
    }

    private static Incident incident(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Incident(rs.getLong("id"), rs.getString("kind"), rs.getString("severity"), rs.getString("status"),
                rs.getString("title"), rs.getTimestamp("opened_at").toInstant(), instant(rs, "acknowledged_at"),
                instant(rs, "resolved_at"), rs.getString("outcome"), rs.getString("detail"));
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static MapSqlParameterSource range(long elderId, Instant from, Instant to) {
        return new MapSqlParameterSource("elderId", elderId).addValue("from", Timestamp.from(from))
                .addValue("to", Timestamp.from(to));
    }
}
