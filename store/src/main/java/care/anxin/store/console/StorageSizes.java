package care.anxin.store.console;

import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Sizes of the tables that grow without bound unless retention prunes them, for the admin's health view. */
public class StorageSizes {

    /** @param rows the planner's estimate (cheap; exact counts would scan the table) */
    public record TableSize(String table, long bytes, long rows) {
    }

    private static final List<String> WATCHED = List.of("audit_log", "rejected_message", "notification",
            "notification_attempt", "alert_action", "device_event", "message_dedup", "vital_sample", "location");

    private final NamedParameterJdbcTemplate jdbc;

    public StorageSizes(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Partitioned tables are summed over their partitions. */
    public List<TableSize> tables() {
        return jdbc.query("""
                SELECT t.name,
                       COALESCE((SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c
                                 WHERE c.oid = to_regclass(t.name)
                                    OR c.oid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = to_regclass(t.name))), 0)
                           AS bytes,
                       COALESCE((SELECT sum(GREATEST(c.reltuples, 0)) FROM pg_class c
                                 WHERE c.oid = to_regclass(t.name)
                                    OR c.oid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = to_regclass(t.name))), 0)
                           AS rows
                FROM unnest(CAST(:names AS text[])) AS t(name)
                WHERE to_regclass(t.name) IS NOT NULL ORDER BY bytes DESC""",
                new MapSqlParameterSource("names", WATCHED.toArray(String[]::new)),
                (rs, i) -> new TableSize(rs.getString("name"), rs.getLong("bytes"), rs.getLong("rows")));
    }
}
