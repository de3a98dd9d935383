package care.anxin.store.clinical;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Doctors' own alert channels (doctor_alert_channel), written by the console, read by the alert service. */
public class DoctorChannels {

    /** @param channel SMS or WEBHOOK; address: phone number or URL */
    public record DoctorChannel(long doctorUserId, String channel, String address, boolean enabled) {
    }

    /** An enabled channel of a doctor currently contracted for the elder. */
    public record ContractedDoctor(long doctorUserId, String name, String channel, String address) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public DoctorChannels(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<DoctorChannel> find(long doctorUserId) {
        return jdbc.query("SELECT * FROM doctor_alert_channel WHERE doctor_user_id = :id",
                new MapSqlParameterSource("id", doctorUserId), (rs, i) -> new DoctorChannel(rs.getLong("doctor_user_id"),
                        rs.getString("channel"), rs.getString("address"), rs.getBoolean("enabled"))).stream().findFirst();
    }

    public DoctorChannel save(DoctorChannel c) {
        jdbc.update("""
                INSERT INTO doctor_alert_channel (doctor_user_id, channel, address, enabled, updated_at)
                VALUES (:id, :channel, :address, :enabled, now())
                ON CONFLICT (doctor_user_id) DO UPDATE SET channel = EXCLUDED.channel, address = EXCLUDED.address,
                    enabled = EXCLUDED.enabled, updated_at = now()
                """, new MapSqlParameterSource("id", c.doctorUserId()).addValue("channel", c.channel())
                .addValue("address", c.address()).addValue("enabled", c.enabled()));
        return c;
    }

    public void delete(long doctorUserId) {
        jdbc.update("DELETE FROM doctor_alert_channel WHERE doctor_user_id = :id",
                new MapSqlParameterSource("id", doctorUserId));
    }

    /** Enabled channels of the elder's doctors under a contract valid today. */
    public List<ContractedDoctor> forElder(long elderId) {
        return jdbc.query("""
                SELECT u.id, u.display_name, ch.channel, ch.address
                FROM doctor_contract c JOIN app_user u ON u.id = c.doctor_user_id AND u.enabled
                JOIN doctor_alert_channel ch ON ch.doctor_user_id = u.id AND ch.enabled
                WHERE c.elder_id = :id AND c.valid_from <= CURRENT_DATE AND (c.valid_to IS NULL OR c.valid_to >= CURRENT_DATE)
                ORDER BY u.id
                """, new MapSqlParameterSource("id", elderId), (rs, i) -> new ContractedDoctor(rs.getLong("id"),
                rs.getString("display_name"), rs.getString("channel"), rs.getString("address")));
    }
}
