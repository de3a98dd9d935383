package care.anxin.alert.support;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Test data in SQL: an organization tree (city, district, street, community center, and a medical
 * partner under the district) with webhook endpoints on the given receiver, and elders with a
 * handset, a wristband and a family contact.
 */
public final class Fixtures {

    public static final String CENTER_SECRET = "center-secret";
    public static final String STREET_SECRET = "street-secret";
    public static final String PARTNER_SECRET = "partner-secret";

    private static final AtomicInteger sequence = new AtomicInteger();

    private final JdbcTemplate jdbc;
    private final Clock clock;
    public final long city;
    public final long district;
    public final long street;
    public final long center;
    public final long partner;
    public final long centerEndpoint;
    public final long streetEndpoint;
    public final long partnerEndpoint;
    public final long staffUser;

    public record Elder(long id, String handset, String wristband, long contactId) {
    }

    public Fixtures(JdbcTemplate jdbc, Clock clock, WebhookReceiver receiver) {
        this(jdbc, clock, receiver, "");
    }

    /** A separate tree whose endpoints are under pathPrefix on the receiver (e.g. "/w2/center"). */
    public Fixtures(JdbcTemplate jdbc, Clock clock, WebhookReceiver receiver, String pathPrefix) {
        this.jdbc = jdbc;
        this.clock = clock;
        city = org(null, "CITY", "上海市");
        district = org(city, "DISTRICT", "黄浦区");
        street = org(district, "STREET", "外滩街道");
        center = org(street, "COMMUNITY_CENTER", "外滩社区养老服务中心");
        partner = org(district, "MEDICAL_PARTNER", "黄浦区中心医院");
        centerEndpoint = endpoint(center, "center", receiver.url(pathPrefix + "/center"), CENTER_SECRET);
        streetEndpoint = endpoint(street, "street", receiver.url(pathPrefix + "/street"), STREET_SECRET);
        partnerEndpoint = endpoint(partner, "partner", receiver.url(pathPrefix + "/partner"), PARTNER_SECRET);
        staffUser = jdbc.queryForObject("""
                INSERT INTO app_user (organization_id, username, display_name, password_hash, role)
                VALUES (?, ?, '王护士', 'x', 'CARE_STAFF') RETURNING id""", Long.class, center, "staff" + sequence.incrementAndGet());
    }

    private long org(Long parent, String kind, String name) {
        return jdbc.queryForObject("INSERT INTO organization (parent_id, kind, code, name) VALUES (?, ?, ?, ?) RETURNING id",
                Long.class, parent, kind, kind.toLowerCase() + "-" + sequence.incrementAndGet(), name);
    }

    public long endpoint(long organizationId, String name, String url, String secret) {
        return jdbc.queryForObject("""
                INSERT INTO notification_endpoint (organization_id, channel, name, url, secret)
                VALUES (?, 'WEBHOOK', ?, ?, ?) RETURNING id""", Long.class, organizationId, name, url, secret);
    }

    public Elder elder(String name) {
        long elder = jdbc.queryForObject("""
                INSERT INTO elder (organization_id, name, gender, birth_date, phone, address, home_lat, home_lon, home_radius_m)
                VALUES (?, ?, 'F', '1942-03-01', '13900000000', '中山东一路1号', 31.2304, 121.4737, 300) RETURNING id""",
                Long.class, center, name);
        int n = sequence.incrementAndGet();
        String handset = "HS-" + n;
        String wristband = "WB-" + n;
        jdbc.update("INSERT INTO device (id, kind, organization_id, elder_id, secret_hash, online) VALUES (?, 'HANDSET', ?, ?, 'x', true)",
                handset, center, elder);
        jdbc.update("INSERT INTO device (id, kind, organization_id, elder_id, secret_hash, online) VALUES (?, 'WRISTBAND', ?, ?, 'x', true)",
                wristband, center, elder);
        long contact = jdbc.queryForObject("INSERT INTO elder_contact (elder_id, name, relation, phone) VALUES (?, '李明', '儿子', '13800000001') RETURNING id",
                Long.class, elder);
        return new Elder(elder, handset, wristband, contact);
    }

    /** Inserts a device event as the gateway would (occurred and received now, by the test clock). */
    public long event(long elderId, String deviceId, String kind, String payload) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.queryForObject("""
                INSERT INTO device_event (elder_id, device_id, kind, occurred_at, received_at, msg_id, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb) RETURNING id""",
                Long.class, elderId, deviceId, kind, now, now, deviceId + "-" + sequence.incrementAndGet(), payload);
    }

    public long event(long elderId, String deviceId, String kind) {
        return event(elderId, deviceId, kind, "{}");
    }
}
