package care.anxin.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One community care center provisioned through the admin API (city, district, street, center,
 * one care worker), with elders and their handsets made on demand; for the fault suite.
 */
final class CareCommunity {

    static final String STAFF_PASSWORD = "staff-password-1";
    private static final AtomicInteger sequence = new AtomicInteger();

    record Account(String deviceId, String secret, long elderId, String elderName) {
    }

    final ApiClient admin;
    final long centerId;
    final String staffUser;
    private final RunningPlatform platform;
    private final String tag;

    CareCommunity(RunningPlatform platform, String tag) throws Exception {
        this.platform = platform;
        this.tag = tag;
        this.admin = new ApiClient(platform.monitoringUrl(), "admin", RunningPlatform.ADMIN_PASSWORD);
        long operator = admin.get("/api/v1/me").path("organization").path("id").asLong();
        long city = org(operator, "CITY", "城市");
        long district = org(city, "DISTRICT", "区12349服务中心");
        long street = org(district, "STREET", "街道");
        centerId = org(street, "COMMUNITY_CENTER", "社区居家养老服务中心");
        staffUser = "staff." + tag;
        admin.post("/api/v1/admin/users", Map.of("organizationId", centerId, "username", staffUser,
                "displayName", "值班护理员", "password", STAFF_PASSWORD, "role", "CARE_STAFF"));
    }

    private long org(long parent, String kind, String name) throws Exception {
        return admin.post("/api/v1/admin/organizations", Map.of("parentId", parent, "kind", kind,
                "code", tag + "-" + kind.toLowerCase(), "name", tag + name)).path("id").asLong();
    }

    ApiClient staff() {
        return new ApiClient(platform.monitoringUrl(), staffUser, STAFF_PASSWORD);
    }

    /** A new elder of this center with a bound device of this kind (HANDSET, WRISTBAND). */
    Account elderWithDevice(String kind) throws Exception {
        int n = sequence.incrementAndGet();
        String name = "老人" + tag + "-" + n;
        long elder = admin.post("/api/v1/admin/elders", Map.of("organizationId", centerId, "name", name,
                "gender", n % 2 == 0 ? "F" : "M", "birthDate", "1940-03-0" + (1 + n % 9),
                "address", "测试路" + n + "号")).path("id").asLong();
        String id = (kind.equals("HANDSET") ? "HS-" : "WB-") + tag.toUpperCase() + "-" + n;
        String secret = admin.post("/api/v1/admin/devices", Map.of("id", id, "kind", kind,
                "organizationId", centerId, "elderId", elder)).path("secret").asText();
        return new Account(id, secret, elder, name);
    }

    Handset handset(Account account) throws Exception {
        return new Handset(platform.mqttUri(), account.deviceId(), account.secret());
    }

    /** The first alert event on the stream for this elder, kind and status; fails after the timeout. */
    static JsonNode awaitAlert(BlockingQueue<JsonNode> stream, String elderName, String kind, String status,
                               Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode event = stream.poll(100, TimeUnit.MILLISECONDS);
            if (event != null && elderName.equals(event.path("elder").path("name").asText())
                    && kind.equals(event.path("kind").asText()) && status.equals(event.path("status").asText())) {
                return event;
            }
        }
        throw new AssertionError("No " + kind + " " + status + " incident of " + elderName + " on the live stream within "
                + timeout);
    }

    /** How many incidents of this kind the elder has (any status). */
    int incidents(long elderId, String kind) throws Exception {
        List<JsonNode> all = new java.util.ArrayList<>();
        staff().get("/api/v1/alerts?status=all").forEach(all::add);
        return (int) all.stream().filter(a -> a.path("elder").path("id").asLong() == elderId
                && kind.equals(a.path("kind").asText())).count();
    }
}
