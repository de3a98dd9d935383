package care.anxin.store.alerting;

import static care.anxin.store.alerting.Sql.instant;
import static care.anxin.store.alerting.Sql.nullableDouble;
import static care.anxin.store.alerting.Sql.ts;

import java.sql.Array;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** Set-based queries of the timer rules (device offline, no data, inactivity, geofence, battery, vitals window). */
public class ConditionQueries {

    private static final String CONDITION_COLUMNS = "d.elder_id, e.organization_id, d.id AS device_id";

    private static final int RULE_LOCK_NAMESPACE = 0x52554C45; // "RULE"

    private final JdbcTemplate jdbc;

    public ConditionQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Makes one service evaluate a rule at a time (transaction-scoped advisory lock, no waiting):
     * false when another instance is evaluating it right now.
     */
    public boolean tryLockRule(String kind) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?, hashtext(?))", Boolean.class,
                RULE_LOCK_NAMESPACE, kind));
    }

    /** Bound devices that went offline (and had been online once) longer than offlineFor ago. */
    public List<ConditionRow> offlineDevices(Instant now, Duration offlineFor) {
        return jdbc.query("""
                SELECT %s, COALESCE(d.last_seen_at, d.last_connected_at) AS since, d.battery_pct, e.care_plan::text AS care_plan
                FROM device d JOIN elder e ON e.id = d.elder_id
                WHERE d.enabled AND e.active AND NOT d.online AND d.last_connected_at IS NOT NULL
                  AND COALESCE(d.last_seen_at, d.last_connected_at) < ?""".formatted(CONDITION_COLUMNS),
                CONDITION, ts(now.minus(offlineFor)));
    }

    /**
     * Connected wearables (a protocol watch is one) that sent no reading for longer than the elder's noDataMinutes (care plan,
     * else the default): not worn, or silent. since = last reading (or connection) time.
     */
    public List<ConditionRow> silentWearables(Instant now, int defaultNoDataMinutes) {
        return jdbc.query("""
                SELECT %s, COALESCE(lo.t, d.last_connected_at) AS since, d.battery_pct, e.care_plan::text AS care_plan
                FROM device d JOIN elder e ON e.id = d.elder_id
                LEFT JOIN LATERAL (SELECT max(s.time) AS t FROM vital_sample s -- any reading: the samples, not the view
                                   WHERE s.elder_id = d.elder_id AND s.device_id = d.id AND s.time > ?::timestamptz - interval '7 days') lo ON TRUE
                WHERE d.enabled AND e.active AND d.online AND d.kind IN ('WRISTBAND', 'PENDANT', 'WATCH')
                  AND COALESCE(lo.t, d.last_connected_at) <
                      ?::timestamptz - make_interval(mins => COALESCE((e.care_plan ->> 'noDataMinutes')::int, ?))""".formatted(CONDITION_COLUMNS),
                CONDITION, ts(now), ts(now), defaultNoDataMinutes);
    }

    /**
     * Elders whose wearable reported steps in the last inactivityHours (care plan, else default)
     * and every one of them was zero: the device is worn and counting, the elder is not moving.
     * Only windows starting at or after dayStart count (no night-time sleep in the window).
     */
    public List<ConditionRow> inactiveElders(Instant now, Instant dayStart, int defaultInactivityHours) {
        return jdbc.query("""
                SELECT s.elder_id, e.organization_id, s.device_id, s.last_step_at AS since, NULL::smallint AS battery_pct,
                       e.care_plan::text AS care_plan
                FROM elder e
                JOIN LATERAL (SELECT o.elder_id, max(o.device_id) AS device_id, max(o.time) AS last_step_at, sum(o.value) AS steps
                              FROM observation o
                              WHERE o.elder_id = e.id AND o.code = 'STEPS'
                                AND o.time > ?::timestamptz - make_interval(hours => COALESCE((e.care_plan ->> 'inactivityHours')::int, ?))
                                AND o.time <= ?
                              GROUP BY o.elder_id) s ON TRUE
                WHERE e.active AND s.steps = 0
                  AND ?::timestamptz - make_interval(hours => COALESCE((e.care_plan ->> 'inactivityHours')::int, ?)) >= ?""",
                CONDITION, ts(now), defaultInactivityHours, ts(now), ts(now), defaultInactivityHours, ts(dayStart));
    }

    /** Bound devices whose last reported battery is at or below the limit and not charging-recovered. */
    public List<ConditionRow> batteryAtOrBelow(int percent) {
        return jdbc.query("""
                SELECT %s, d.last_seen_at AS since, d.battery_pct, e.care_plan::text AS care_plan
                FROM device d JOIN elder e ON e.id = d.elder_id
                WHERE d.enabled AND e.active AND d.battery_pct IS NOT NULL AND d.battery_pct <= ?""".formatted(CONDITION_COLUMNS),
                CONDITION, percent);
    }

    /** The latest position of every active elder with a home fence or a current travel zone. */
    public List<PositionRow> latestPositions(Instant now, Duration maxAge) {
        return jdbc.query("""
                SELECT e.id AS elder_id, e.organization_id, l.device_id, l.lat, l.lon, l.time, e.home_lat, e.home_lon,
                       e.home_radius_m, e.travel_lat, e.travel_lon, e.travel_radius_m, e.travel_city, e.travel_until, e.conditions
                FROM elder e
                JOIN LATERAL (SELECT device_id, lat, lon, time FROM location
                              WHERE elder_id = e.id AND time > ? AND time <= ? ORDER BY time DESC LIMIT 1) l ON TRUE
                WHERE e.active AND ((e.home_lat IS NOT NULL AND e.home_radius_m IS NOT NULL) OR e.travel_until > ?)""",
                (rs, i) -> {
                    Array conditions = rs.getArray("conditions");
                    return new PositionRow(rs.getLong("elder_id"), rs.getLong("organization_id"), rs.getString("device_id"),
                            rs.getDouble("lat"), rs.getDouble("lon"), instant(rs, "time"), nullableDouble(rs, "home_lat"),
                            nullableDouble(rs, "home_lon"), nullableDouble(rs, "home_radius_m"),
                            nullableDouble(rs, "travel_lat"), nullableDouble(rs, "travel_lon"),
                            nullableDouble(rs, "travel_radius_m"), rs.getString("travel_city"), instant(rs, "travel_until"),
                            conditions == null ? List.of() : Arrays.asList((String[]) conditions.getArray()));
                },
                ts(now.minus(maxAge)), ts(now), ts(now));
    }

    /** Latest value per code per elder within the window, for the early-warning score. */
    public List<VitalsWindowRow> latestVitals(Instant now, Duration window, List<String> codes) {
        Map<Long, VitalsWindowRow> byElder = new LinkedHashMap<>();
        jdbc.query("""
                SELECT DISTINCT ON (o.elder_id, o.code) o.elder_id, e.organization_id, o.code, o.value
                FROM observation o JOIN elder e ON e.id = o.elder_id
                WHERE e.active AND o.time > ? AND o.time <= ? AND o.code = ANY (?)
                ORDER BY o.elder_id, o.code, o.time DESC""",
                ps -> {
                    ps.setTimestamp(1, ts(now.minus(window)));
                    ps.setTimestamp(2, ts(now));
                    ps.setArray(3, ps.getConnection().createArrayOf("text", codes.toArray()));
                },
                rs -> {
                    long elderId = rs.getLong("elder_id");
                    long organizationId = rs.getLong("organization_id");
                    byElder.computeIfAbsent(elderId, id -> new VitalsWindowRow(id, organizationId, new LinkedHashMap<>()))
                            .latest().put(rs.getString("code"), rs.getDouble("value"));
                });
        return List.copyOf(byElder.values());
    }

    private static final RowMapper<ConditionRow> CONDITION = (rs, i) -> {
        int raw = rs.getInt("battery_pct");
        Integer battery = rs.wasNull() ? null : raw;
        return new ConditionRow(rs.getLong("elder_id"), rs.getLong("organization_id"), rs.getString("device_id"),
                instant(rs, "since"), battery, rs.getString("care_plan"));
    };
}
