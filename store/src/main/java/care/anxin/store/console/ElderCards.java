package care.anxin.store.console;

import care.anxin.store.console.ConsoleViews.Contact;
import care.anxin.store.console.ConsoleViews.DeviceStatus;
import care.anxin.store.console.ConsoleViews.TimedPosition;
import care.anxin.store.console.ConsoleViews.VitalValue;
import care.anxin.store.vitals.LatestReadingSql;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Batch loads of what an elder card shows (contacts, latest vitals, last location, devices) for
 * a set of elders already filtered by the viewer's scope: one query per kind, not one per elder.
 */
public class ElderCards {

    /** Latest values older than this are not "latest vitals" any more (and bound the partition scan). */
    private static final String FRESHNESS = "INTERVAL '30 days'";
    private static final String[] VITAL_CODES = {"HR", "SPO2", "SBP", "DBP", "TEMP", "RR", "STEPS", "GLU"};

    private final NamedParameterJdbcTemplate jdbc;

    public ElderCards(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<Long, List<Contact>> contacts(Collection<Long> elderIds) {
        Map<Long, List<Contact>> result = new HashMap<>();
        if (elderIds.isEmpty()) {
            return result;
        }
        jdbc.query("SELECT elder_id, name, relation, phone FROM elder_contact WHERE elder_id = ANY(:ids)"
                        + " ORDER BY elder_id, priority, id", ids(elderIds),
                rs -> {
                    result.computeIfAbsent(rs.getLong("elder_id"), k -> new ArrayList<>())
                            .add(new Contact(rs.getString("name"), rs.getString("relation"), rs.getString("phone")));
                });
        return result;
    }

    public Map<Long, Map<String, VitalValue>> latestVitals(Collection<Long> elderIds) {
        Map<Long, Map<String, VitalValue>> result = new HashMap<>();
        if (elderIds.isEmpty()) {
            return result;
        }
        MapSqlParameterSource params = ids(elderIds).addValue("codes", VITAL_CODES);
        jdbc.query("""
                SELECT e.id AS elder_id, c.code, o.value, o.time
                FROM unnest(CAST(:ids AS bigint[])) AS e(id)
                CROSS JOIN unnest(CAST(:codes AS text[])) AS c(code)
                CROSS JOIN LATERAL (%s) o
                ORDER BY e.id, array_position(CAST(:codes AS text[]), c.code)
                """.formatted(LatestReadingSql.newest("e.id", "c.code", "now() - " + FRESHNESS)),
                params,
                rs -> {
                    result.computeIfAbsent(rs.getLong("elder_id"), k -> new LinkedHashMap<>()).put(rs.getString("code"),
                            new VitalValue(rs.getDouble("value"), rs.getTimestamp("time").toInstant()));
                });
        return result;
    }

    public Map<Long, TimedPosition> lastLocations(Collection<Long> elderIds) {
        Map<Long, TimedPosition> result = new HashMap<>();
        if (elderIds.isEmpty()) {
            return result;
        }
        jdbc.query("""
                SELECT e.id AS elder_id, l.lat, l.lon, l.time
                FROM unnest(CAST(:ids AS bigint[])) AS e(id)
                CROSS JOIN LATERAL (
                    SELECT lo.lat, lo.lon, lo.time FROM location lo
                    WHERE lo.elder_id = e.id AND lo.time > now() - %s
                    ORDER BY lo.time DESC LIMIT 1) l
                """.formatted(FRESHNESS), ids(elderIds),
                rs -> {
                    result.put(rs.getLong("elder_id"), new TimedPosition(rs.getDouble("lat"), rs.getDouble("lon"),
                            rs.getTimestamp("time").toInstant()));
                });
        return result;
    }

    public Map<Long, List<DeviceStatus>> devices(Collection<Long> elderIds) {
        Map<Long, List<DeviceStatus>> result = new HashMap<>();
        if (elderIds.isEmpty()) {
            return result;
        }
        jdbc.query("""
                SELECT elder_id, id, kind, model, online, battery_pct, last_seen_at FROM device
                WHERE elder_id = ANY(:ids) AND enabled ORDER BY elder_id, id
                """, ids(elderIds), rs -> {
                    result.computeIfAbsent(rs.getLong("elder_id"), k -> new ArrayList<>()).add(deviceStatus(rs));
                });
        return result;
    }

    static DeviceStatus deviceStatus(ResultSet rs) throws SQLException {
        return new DeviceStatus(rs.getString("id"), rs.getString("kind"), rs.getString("model"), rs.getBoolean("online"),
                (Integer) rs.getObject("battery_pct", Integer.class), Timestamps.instant(rs, "last_seen_at"));
    }

    static List<String> textArray(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        return (Integer) rs.getObject(column, Integer.class);
    }

    private static MapSqlParameterSource ids(Collection<Long> elderIds) {
        return new MapSqlParameterSource("ids", elderIds.toArray(Long[]::new));
    }
}
