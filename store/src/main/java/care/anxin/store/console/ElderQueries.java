package care.anxin.store.console;

import care.anxin.store.page.Keyset;
import care.anxin.store.page.Page;
import care.anxin.store.console.ConsoleViews.DeviceStatus;
import care.anxin.store.console.ConsoleViews.ElderDetail;
import care.anxin.store.console.ConsoleViews.ElderListItem;
import care.anxin.store.console.ConsoleViews.OrgRef;
import care.anxin.store.console.ConsoleViews.PersonRef;
import care.anxin.store.console.ConsoleViews.TravelZone;
import care.anxin.store.console.ConsoleViews.Zone;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Elder reads for the console, always within a {@link ViewerScope}. */
public class ElderQueries {

    /** The facts trend queries need about one elder. */
    public record ElderBasics(long id, String name, LocalDate birthDate, int age, String carePlanJson) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final ElderCards cards;
    private final ObjectMapper json;

    public ElderQueries(NamedParameterJdbcTemplate jdbc, ElderCards cards, ObjectMapper json) {
        this.jdbc = jdbc;
        this.cards = cards;
        this.json = json;
    }

    /** Active elders matching q (name, phone or address), by name. */
    /** Elders by name, a page at a time. */
    public Page<ElderListItem> list(ViewerScope scope, String q, int limit, String cursor) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        StringBuilder sql = new StringBuilder("""
                SELECT e.id, e.name, date_part('year', age(e.birth_date))::int AS age, e.gender, e.address, e.phone,
                       o.id AS org_id, o.name AS org_name,
                       (SELECT count(*) FROM alert a WHERE a.elder_id = e.id AND a.status IN ('OPEN', 'ACKNOWLEDGED'))
                           AS open_alerts""" + BY_NAME.selectColumns() + """

                FROM elder e JOIN organization o ON o.id = e.organization_id
                WHERE e.active AND """).append(scope.elderPredicate("e.organization_id", "e.id", p));
        if (q != null && !q.isBlank()) {
            p.addValue("q", "%" + q.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            sql.append(" AND (e.name ILIKE :q OR e.phone LIKE :q OR e.address ILIKE :q)");
        }
        sql.append(BY_NAME.after(cursor, p)).append(BY_NAME.orderAndLimit(limit, p));
        record Row(long id, String name, Integer age, String gender, String address, String phone, OrgRef org,
                   int openAlerts) {
        }
        List<Page.Keyed<Row>> rows = jdbc.query(sql.toString(), p, BY_NAME.mapper((rs, i) -> new Row(rs.getLong("id"),
                rs.getString("name"), ElderCards.nullableInt(rs, "age"), rs.getString("gender"),
                rs.getString("address"), rs.getString("phone"), new OrgRef(rs.getLong("org_id"),
                rs.getString("org_name")), rs.getInt("open_alerts"))));
        Map<Long, List<DeviceStatus>> devices = cards.devices(rows.stream().map(k -> k.item().id()).toList());
        return Page.of(rows.stream().map(k -> {
            Row r = k.item();
            List<DeviceStatus> ds = devices.getOrDefault(r.id, List.of());
            return new Page.Keyed<>(new ElderListItem(r.id, r.name, r.age, r.gender, r.address, r.phone, r.org,
                    ds.stream().anyMatch(DeviceStatus::online), lowestBattery(ds), lastSeen(ds), r.openAlerts, ds),
                    k.cursor());
        }).toList(), limit);
    }

    private static final Keyset BY_NAME = new Keyset(Keyset.key("e.name", "text"), Keyset.key("e.id", "bigint"));

    /** An elder's own stored care plan (not the empty default), to be checked by the caller. */
    public record StoredCarePlan(long elderId, String name, String organization, String carePlanJson) {
    }

    /** Elders in scope that have a care plan of their own ({@code care_plan <> '{}'}), by id. */
    public List<StoredCarePlan> ownCarePlans(ViewerScope scope, int limit) {
        MapSqlParameterSource p = new MapSqlParameterSource("limit", limit);
        return jdbc.query("""
                SELECT e.id, e.name, o.name AS org, e.care_plan FROM elder e JOIN organization o ON o.id = e.organization_id
                WHERE e.care_plan <> '{}'::jsonb AND """ + scope.elderPredicate("e.organization_id", "e.id", p)
                + " ORDER BY e.id LIMIT :limit", p,
                (rs, i) -> new StoredCarePlan(rs.getLong("id"), rs.getString("name"), rs.getString("org"),
                        rs.getString("care_plan")));
    }

    public Optional<ElderBasics> basics(ViewerScope scope, long id) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", id);
        return jdbc.query("""
                SELECT e.id, e.name, e.birth_date, date_part('year', age(e.birth_date))::int AS age, e.care_plan
                FROM elder e WHERE e.id = :id AND """ + scope.elderPredicate("e.organization_id", "e.id", p), p,
                (rs, i) -> new ElderBasics(rs.getLong("id"), rs.getString("name"),
                        rs.getObject("birth_date", LocalDate.class), rs.getInt("age"), rs.getString("care_plan")))
                .stream().findFirst();
    }

    /** Full profile; carePlan is the stored JSON (callers fill in age defaults). */
    public Optional<ElderDetail> detail(ViewerScope scope, long id) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", id);
        List<ElderDetail> found = jdbc.query("""
                SELECT e.*, date_part('year', age(e.birth_date))::int AS age, o.name AS org_name,
                       (SELECT count(*) FROM alert a WHERE a.elder_id = e.id AND a.status IN ('OPEN', 'ACKNOWLEDGED'))
                           AS open_alerts
                FROM elder e JOIN organization o ON o.id = e.organization_id
                WHERE e.id = :id AND """ + scope.elderPredicate("e.organization_id", "e.id", p), p, (rs, i) -> {
                    double homeLat = rs.getDouble("home_lat");
                    Zone home = rs.wasNull() || rs.getObject("home_radius_m") == null ? null
                            : new Zone(homeLat, rs.getDouble("home_lon"), rs.getDouble("home_radius_m"));
                    double travelLat = rs.getDouble("travel_lat");
                    TravelZone travel = rs.wasNull() || rs.getObject("travel_radius_m") == null ? null
                            : new TravelZone(travelLat, rs.getDouble("travel_lon"), rs.getDouble("travel_radius_m"),
                                    rs.getString("travel_city"), Timestamps.instant(rs, "travel_until"));
                    return new ElderDetail(rs.getLong("id"), rs.getString("name"), ElderCards.nullableInt(rs, "age"),
                            rs.getString("gender"), rs.getObject("birth_date", LocalDate.class).toString(),
                            rs.getString("phone"), rs.getString("address"), ElderCards.textArray(rs, "conditions"),
                            new OrgRef(rs.getLong("organization_id"), rs.getString("org_name")), home, travel,
                            JsonColumns.tree(json, rs.getString("care_plan")), List.of(), List.of(), Map.of(), null,
                            rs.getInt("open_alerts"), List.of());
                });
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ElderDetail d = found.get(0);
        List<Long> ids = List.of(id);
        return Optional.of(new ElderDetail(d.id(), d.name(), d.age(), d.gender(), d.birthDate(), d.phone(), d.address(),
                d.conditions(), d.organization(), d.home(), d.travel(), d.carePlan(),
                cards.contacts(ids).getOrDefault(id, List.of()), cards.devices(ids).getOrDefault(id, List.of()),
                cards.latestVitals(ids).getOrDefault(id, Map.of()), cards.lastLocations(ids).get(id),
                d.openAlerts(), doctors(id)));
    }

    private List<PersonRef> doctors(long elderId) {
        return jdbc.query("""
                SELECT u.id, u.display_name FROM doctor_contract c JOIN app_user u ON u.id = c.doctor_user_id
                WHERE c.elder_id = :id AND c.valid_from <= CURRENT_DATE AND (c.valid_to IS NULL OR c.valid_to >= CURRENT_DATE)
                ORDER BY u.display_name
                """, new MapSqlParameterSource("id", elderId),
                (rs, i) -> new PersonRef(rs.getLong("id"), rs.getString("display_name")));
    }


    private static Integer lowestBattery(List<DeviceStatus> devices) {
        return devices.stream().map(DeviceStatus::battery).filter(Objects::nonNull).min(Integer::compare).orElse(null);
    }

    private static Instant lastSeen(List<DeviceStatus> devices) {
        return devices.stream().map(DeviceStatus::lastSeenAt).filter(Objects::nonNull).max(Comparator.naturalOrder())
                .orElse(null);
    }
}
