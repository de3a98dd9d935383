package care.anxin.simulator.provision;

import care.anxin.simulator.scenario.ElderProfile;
import care.anxin.simulator.scenario.IncidentHistoryGenerator.PastIncident;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * The community's history marker and past incidents through {@code /api/v1/admin/history-imports}:
 * the marker lives in the platform's database, so a fresh or different database gets the history
 * and one that has it never gets it twice.
 */
public final class HistoryImportClient {

    /** What the platform knows about the import: absent, incidents written, or everything delivered. */
    public enum State { ABSENT, STARTED, COMPLETE }

    private static final Map<String, String> LABELS = Map.of("SOS", "紧急呼叫", "FALL", "跌倒", "GEOFENCE_EXIT", "离开安全区域",
            "NOTIFICATION_FAILED", "通知发送失败");
    private static final String DUTY_DESK = "社区值班台";
    private static final String SMS_GATEWAY = "家属短信网关";

    private final AdminApiClient api;
    private final String key;

    public HistoryImportClient(AdminApiClient api, ProvisionedCommunity community) {
        this.api = api;
        this.key = "demo-history." + community.fleetTag();
    }

    public String key() {
        return key;
    }

    public State state() {
        try {
            JsonNode marker = api.get(path());
            return marker.path("completedAt").isNull() || marker.path("completedAt").isMissingNode() ? State.STARTED : State.COMPLETE;
        } catch (AdminApiClient.ApiException e) {
            if (e.status() == 404) {
                return State.ABSENT;
            }
            throw e;
        }
    }

    /** Writes the incidents with the marker (one transaction on the platform); a no-op when the marker exists. */
    public void importIncidents(ProvisionedCommunity community, List<ElderProfile> elders, List<PastIncident> incidents) {
        long dutyDesk = endpointId(community.centerId(), DUTY_DESK);
        long sms = endpointId(community.centerId(), SMS_GATEWAY);
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (PastIncident p : incidents) {
            bodies.add(body(community, elders.get(p.elderIndex()), p, dutyDesk, sms));
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("organizationId", community.centerId());
        request.put("incidents", bodies);
        try {
            api.put(path(), request);
        } catch (AdminApiClient.ApiException e) {
            throw new IllegalStateException("history import " + key + " refused: " + e.getMessage(), e);
        }
    }

    public void complete() {
        api.post(path() + "/complete", Map.of());
    }

    private String path() {
        return "/api/v1/admin/history-imports/" + key;
    }

    private Map<String, Object> body(ProvisionedCommunity community, ElderProfile elder, PastIncident p, long dutyDesk, long sms) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("elderId", community.elderIds().get(p.elderIndex()));
        b.put("deviceId", p.device() == null ? null : community.deviceId(p.device(), p.elderIndex()));
        b.put("kind", p.kind());
        b.put("severity", p.severity());
        b.put("title", LABELS.getOrDefault(p.kind(), p.kind()) + " · " + elder.name());
        b.put("openedAt", p.openedAt().toString());
        b.put("resolvedAt", p.resolvedAt().toString());
        b.put("cancelledByElder", p.cancelledByElder());
        if (p.device() != null) {
            b.put("lat", elder.homeLat());
            b.put("lon", elder.homeLon());
        }
        if (p.cancelledByElder()) {
            return b; // held for the cancel window: nobody was paged
        }
        b.put("acknowledgedAt", p.acknowledgedAt().toString());
        b.put("acknowledgedBy", p.staff());
        b.put("resolvedBy", p.staff());
        b.put("outcome", p.outcome());
        b.put("note", p.note());
        if (p.device() == null) {
            return b; // NOTIFICATION_FAILED is raised on the console itself
        }
        List<Map<String, Object>> notifications = new ArrayList<>();
        Instant paged = p.openedAt().plusSeconds(1);
        notifications.add(p.webhookDied()
                ? notification(dutyDesk, paged, 5, false, "HTTP 503 Service Unavailable")
                : notification(dutyDesk, paged, 1, true, null));
        if (p.escalated()) {
            Instant escalated = p.openedAt().plusSeconds(60);
            b.put("escalatedAt", escalated.toString());
            notifications.add(notification(sms, escalated.plusSeconds(1), 1, true, null));
        }
        b.put("notifications", notifications);
        return b;
    }

    private static Map<String, Object> notification(long endpointId, Instant first, int attempts, boolean delivered, String error) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("endpointId", endpointId);
        n.put("firstAttemptAt", first.toString());
        n.put("attempts", attempts);
        n.put("delivered", delivered);
        n.put("error", error);
        return n;
    }

    private long endpointId(long organizationId, String namePrefix) {
        Optional<Long> id = StreamSupport.stream(api.getAll("/api/v1/admin/endpoints").spliterator(), false)
                .filter(e -> e.path("organizationId").asLong() == organizationId && e.path("name").asText().startsWith(namePrefix))
                .map(e -> e.path("id").asLong()).findFirst();
        return id.orElseThrow(() -> new IllegalStateException("no endpoint '" + namePrefix + "' for organization " + organizationId));
    }
}
