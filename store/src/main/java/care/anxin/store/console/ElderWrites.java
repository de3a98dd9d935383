package care.anxin.store.console;

import care.anxin.store.console.ConsoleViews.Contact;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** Elder profile writes made by admins. Callers check the scope first and run these in one transaction. */
public class ElderWrites {

    /** The editable profile. home and carePlanJson may be null (no home zone / default plan). */
    public record ElderProfile(long organizationId, String name, String gender, LocalDate birthDate, String phone,
                               String address, List<String> conditions, Double homeLat, Double homeLon,
                               Double homeRadiusM, String carePlanJson, List<Contact> contacts) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public ElderWrites(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long create(ElderProfile p) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO elder (organization_id, name, gender, birth_date, phone, address, conditions,
                                   home_lat, home_lon, home_radius_m, care_plan)
                VALUES (:org, :name, :gender, :birth, :phone, :address, :conditions,
                        :homeLat, :homeLon, :homeRadius, CAST(:plan AS jsonb))
                """, params(p), keys, new String[] {"id"});
        long id = keys.getKey().longValue();
        replaceContacts(id, p.contacts());
        return id;
    }

    public void update(long id, ElderProfile p) {
        jdbc.update("""
                UPDATE elder SET organization_id = :org, name = :name, gender = :gender, birth_date = :birth,
                    phone = :phone, address = :address, conditions = :conditions, home_lat = :homeLat,
                    home_lon = :homeLon, home_radius_m = :homeRadius, care_plan = CAST(:plan AS jsonb)
                WHERE id = :id
                """, params(p).addValue("id", id));
        replaceContacts(id, p.contacts());
    }

    public void setTravel(long id, double lat, double lon, double radiusM, String city, Instant until) {
        jdbc.update("""
                UPDATE elder SET travel_lat = :lat, travel_lon = :lon, travel_radius_m = :r, travel_city = :city,
                    travel_until = :until WHERE id = :id
                """, new MapSqlParameterSource().addValue("id", id).addValue("lat", lat).addValue("lon", lon)
                .addValue("r", radiusM).addValue("city", city).addValue("until", Timestamp.from(until)));
    }

    public void clearTravel(long id) {
        jdbc.update("""
                UPDATE elder SET travel_lat = NULL, travel_lon = NULL, travel_radius_m = NULL, travel_city = NULL,
                    travel_until = NULL WHERE id = :id
                """, new MapSqlParameterSource("id", id));
    }

    /** Whether the elder exists within the viewer's scope. */
    public boolean visible(ViewerScope scope, long elderId) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", elderId);
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM elder e WHERE e.id = :id AND "
                + scope.elderPredicate("e.organization_id", "e.id", p) + ")", p, Boolean.class));
    }

    private void replaceContacts(long elderId, List<Contact> contacts) {
        jdbc.update("DELETE FROM elder_contact WHERE elder_id = :id", new MapSqlParameterSource("id", elderId));
        int priority = 1;
        for (Contact c : contacts == null ? List.<Contact>of() : contacts) {
            jdbc.update("""
                    INSERT INTO elder_contact (elder_id, name, relation, phone, priority)
                    VALUES (:id, :name, :relation, :phone, :priority)
                    """, new MapSqlParameterSource().addValue("id", elderId).addValue("name", c.name())
                    .addValue("relation", c.relation()).addValue("phone", c.phone()).addValue("priority", priority++));
        }
    }

    private static MapSqlParameterSource params(ElderProfile p) {
        return new MapSqlParameterSource().addValue("org", p.organizationId()).addValue("name", p.name())
                .addValue("gender", p.gender()).addValue("birth", p.birthDate()).addValue("phone", p.phone())
                .addValue("address", p.address())
                .addValue("conditions", (p.conditions() == null ? List.<String>of() : p.conditions()).toArray(String[]::new))
                .addValue("homeLat", p.homeLat()).addValue("homeLon", p.homeLon()).addValue("homeRadius", p.homeRadiusM())
                .addValue("plan", p.carePlanJson() == null ? "{}" : p.carePlanJson());
    }
}
