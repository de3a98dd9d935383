package care.anxin.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A small organization tree made through the admin API: city → district → centers A and B, a
 * medical partner with a doctor contracted for one elder of A; one SOS incident per center.
 */
final class TestTree {

    static final String PASSWORD = "secret-pass-1";
    private static final AtomicInteger counter = new AtomicInteger();

    final String tag;
    long city;
    long district;
    long centerA;
    long centerB;
    long partner;
    long elderA;
    long elderA2;
    long elderB;
    long alertA;
    long alertB;
    long careAId;
    long doctorId;
    private final int port;
    private final JdbcTemplate jdbc;

    private TestTree(String tag, int port, JdbcTemplate jdbc) {
        this.tag = tag;
        this.port = port;
        this.jdbc = jdbc;
    }

    static TestTree build(ApiClient admin, JdbcTemplate jdbc, int port) {
        TestTree t = new TestTree("t" + counter.incrementAndGet() + "x" + Long.toString(System.nanoTime() % 100000, 36),
                port, jdbc);
        t.city = t.org(admin, null, "CITY", "city");
        t.district = t.org(admin, t.city, "DISTRICT", "district");
        t.centerA = t.org(admin, t.district, "COMMUNITY_CENTER", "centerA");
        t.centerB = t.org(admin, t.district, "COMMUNITY_CENTER", "centerB");
        t.partner = t.org(admin, t.city, "MEDICAL_PARTNER", "hospital");
        t.careAId = t.user(admin, t.centerA, "careA", "CARE_STAFF");
        t.user(admin, t.centerB, "careB", "CARE_STAFF");
        t.user(admin, t.district, "district", "DISTRICT_STAFF");
        t.user(admin, t.centerA, "adminA", "ADMIN");
        t.doctorId = t.user(admin, t.partner, "doctor", "DOCTOR");
        t.elderA = t.elder(admin, t.centerA, "王秀英");
        t.elderA2 = t.elder(admin, t.centerA, "李建国");
        t.elderB = t.elder(admin, t.centerB, "张桂兰");
        ApiClient.Response contract = admin.post("/api/v1/admin/doctor-contracts",
                Map.of("elderId", t.elderA, "doctorUserId", t.doctorId));
        assertThat(contract.status()).as(contract.raw().body()).isEqualTo(201);
        t.alertA = t.insertAlert(t.elderA, t.centerA, "SOS", Instant.now().minusSeconds(30));
        t.alertB = t.insertAlert(t.elderB, t.centerB, "SOS", Instant.now().minusSeconds(20));
        return t;
    }

    ApiClient as(String user) {
        return ApiClient.basic(port, username(user), PASSWORD);
    }

    String username(String user) {
        return user + "_" + tag;
    }

    /** An incident as the alert service would open it. */
    long insertAlert(long elderId, long organizationId, String kind, Instant openedAt) {
        return jdbc.queryForObject("""
                INSERT INTO alert (elder_id, organization_id, kind, severity, status, title, first_event_at,
                                   last_event_at, opened_at, lat, lon)
                VALUES (?, ?, ?, 'CRITICAL', 'OPEN', ?, ?, ?, ?, 31.23, 121.47) RETURNING id
                """, Long.class, elderId, organizationId, kind, kind + " 紧急呼叫", java.sql.Timestamp.from(openedAt),
                java.sql.Timestamp.from(openedAt), java.sql.Timestamp.from(openedAt));
    }

    private long org(ApiClient admin, Long parentId, String kind, String name) {
        var body = new java.util.HashMap<String, Object>(Map.of("kind", kind, "code", name + "-" + tag,
                "name", name + " " + tag));
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        ApiClient.Response r = admin.post("/api/v1/admin/organizations", body);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private long user(ApiClient admin, long organizationId, String name, String role) {
        ApiClient.Response r = admin.post("/api/v1/admin/users", Map.of("organizationId", organizationId,
                "username", username(name), "displayName", name + " " + tag, "password", PASSWORD, "role", role));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private long elder(ApiClient admin, long organizationId, String name) {
        ApiClient.Response r = admin.post("/api/v1/admin/elders", Map.of("organizationId", organizationId,
                "name", name, "gender", "F", "birthDate", "1942-03-08", "phone", "13800000000",
                "address", "上海市黄浦区 " + tag, "conditions", List.of("高血压", "糖尿病"),
                "home", Map.of("lat", 31.23, "lon", 121.47, "radiusM", 300),
                "contacts", List.of(Map.of("name", "王小明", "relation", "儿子", "phone", "13900000000"))));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }
}
