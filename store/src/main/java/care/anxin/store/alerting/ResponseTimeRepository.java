package care.anxin.store.alerting;

import static care.anxin.store.alerting.Sql.ts;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Response times from the alert rows (opened_at, first_notified_at, acknowledged_at): the alarm
 * centre targets are 97.5 % acknowledged within 60 s and 99 % within 180 s.
 */
public class ResponseTimeRepository {

    private final JdbcTemplate jdbc;

    public ResponseTimeRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stats for incidents of the kinds opened in [from, to) at the organization or below it. */
    public ResponseTimeStats stats(long organizationId, List<String> kinds, Instant from, Instant to) {
        return jdbc.query("""
                WITH scope AS (
                    SELECT a.opened_at, extract(epoch FROM a.acknowledged_at - a.opened_at) AS ack_s,
                           extract(epoch FROM a.first_notified_at - a.opened_at) AS notified_s
                    FROM alert a JOIN organization o ON o.id = a.organization_id
                    WHERE o.path LIKE (SELECT path FROM organization WHERE id = ?) || '%'
                      AND a.kind = ANY (?) AND a.opened_at >= ? AND a.opened_at < ? AND a.status <> 'CANCELLED')
                SELECT count(*) AS total, count(ack_s) AS acknowledged,
                       count(*) FILTER (WHERE ack_s <= 60) AS within60, count(*) FILTER (WHERE ack_s <= 180) AS within180,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY ack_s) AS median_ack, max(ack_s) AS worst_ack,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY notified_s) AS median_notified
                FROM scope""",
                ps -> {
                    ps.setLong(1, organizationId);
                    ps.setArray(2, ps.getConnection().createArrayOf("text", kinds.toArray()));
                    ps.setTimestamp(3, ts(from));
                    ps.setTimestamp(4, ts(to));
                },
                (rs, i) -> {
                    long total = rs.getLong("total");
                    long within60 = rs.getLong("within60");
                    long within180 = rs.getLong("within180");
                    return new ResponseTimeStats(organizationId, total, rs.getLong("acknowledged"), within60, within180,
                            total == 0 ? null : 100.0 * within60 / total, total == 0 ? null : 100.0 * within180 / total,
                            Sql.nullableDouble(rs, "median_ack"), Sql.nullableDouble(rs, "worst_ack"),
                            Sql.nullableDouble(rs, "median_notified"));
                }).get(0);
    }
}
