package care.anxin.simulator.provision;

import care.anxin.simulator.provision.AdminApiClient.ApiException;
import care.anxin.simulator.receiver.WebhookSecrets;
import care.anxin.simulator.scenario.City;
import care.anxin.simulator.scenario.DeviceRole;
import care.anxin.simulator.scenario.ElderProfile;
import care.anxin.simulator.scenario.Scenario;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the demo community through the monitoring service's admin API, exactly as an operator
 * would: city → district help center (12349) → street → community care center, a medical partner
 * whose webhook is this simulator's receiver, an SMS gateway for family contacts, staff and
 * doctors, the elders with care plans and contracts, and a handset plus a wristband per elder, or a
 * protocol watch for the scenario's share of watch wearers.
 * Idempotent across restarts: what exists is found (fleet file, then the API) and reused; devices
 * whose secret is unknown get a new one.
 */
public final class CommunityProvisioner {

    private static final Logger log = LoggerFactory.getLogger(CommunityProvisioner.class);

    private final AdminApiClient api;
    private final ObjectMapper json;
    private final Path fleetPath;
    private final String receiverUrl;
    private final WebhookSecrets webhookSecrets;
    private final String adminUser;
    private final String adminPassword;

    /** @param webhookSecrets where the receiver learns the signing secrets the platform generates for the endpoints */
    public CommunityProvisioner(AdminApiClient api, ObjectMapper json, Path varDir, String receiverUrl,
                                WebhookSecrets webhookSecrets, String adminUser, String adminPassword) {
        this.api = api;
        this.json = json;
        this.fleetPath = varDir.resolve("fleet.json");
        this.receiverUrl = receiverUrl.replaceAll("/+$", "");
        this.webhookSecrets = webhookSecrets;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    public ProvisionedCommunity provision(Scenario scenario, List<ElderProfile> elders) throws InterruptedException {
        long root = api.awaitUp(java.time.Duration.ofMinutes(5)).path("organization").path("id").asLong();
        FleetFile fleet = FleetFile.load(fleetPath, scenario.communityCode(), json);
        Map<String, JsonNode> orgsByCode = organizationsByCode();
        Long knownCenter = fleet.organizations().get(scenario.communityCode());
        if (knownCenter != null && (!orgsByCode.containsKey(scenario.communityCode())
                || orgsByCode.get(scenario.communityCode()).path("id").asLong() != knownCenter)) {
            log.info("Fleet file {} describes a different database; provisioning afresh", fleetPath);
            fleet = FleetFile.empty(scenario.communityCode());
        }
        City city = City.of(scenario.city());
        String code = scenario.communityCode();
        String cityCode = code.split("-")[0];

        long cityId = organization(fleet, orgsByCode, root, "CITY", cityCode, city.nameZh(), city.nameEn(), null, null);
        long districtId = organization(fleet, orgsByCode, cityId, "DISTRICT", cityCode + "-D",
                city.district() + "12349养老服务热线中心", city.nameEn() + " district 12349 help center", "12349", null);
        long streetId = organization(fleet, orgsByCode, districtId, "STREET", cityCode + "-S", city.street(),
                city.nameEn() + " street office", null, null);
        long centerId = organization(fleet, orgsByCode, streetId, "COMMUNITY_CENTER", code,
                city.street() + "社区综合为老服务中心", "Community care center", "021-64370000", city.nameZh() + city.district() + city.roads().get(0) + "88号");
        long partnerId = organization(fleet, orgsByCode, districtId, "MEDICAL_PARTNER", cityCode + "-MED",
                city.district() + "中心医院家庭医生团队", "District hospital family doctors", "021-64041990", null);
        fleet.save(fleetPath, json);

        endpoint(fleet, "endpoint.webhook", partnerId, "WEBHOOK", "医联体急救平台 (demo partner)", receiverUrl + "/webhook");
        endpoint(fleet, "endpoint.sms", centerId, "SMS", "家属短信网关 (demo SMS gateway)", receiverUrl + "/sms");
        endpoint(fleet, "endpoint.center-webhook", centerId, "WEBHOOK", "社区值班台 (demo duty desk)", receiverUrl + "/webhook");
        fleet.endpointSecrets().values().forEach(webhookSecrets::add);
        emergencyPolicies(fleet, centerId);
        fleet.save(fleetPath, json);

        List<DemoUser> users = List.of(
                new DemoUser("care01", "anxin-care", "张华（社区照护员）", "CARE_STAFF", code),
                new DemoUser("care02", "anxin-care", "李敏（社区照护员）", "CARE_STAFF", code),
                new DemoUser("district01", "anxin-district", "王强（12349热线）", "DISTRICT_STAFF", cityCode + "-D"),
                new DemoUser("doctor01", "anxin-doctor", "陈医生", "DOCTOR", cityCode + "-MED"),
                new DemoUser("doctor02", "anxin-doctor", "刘医生", "DOCTOR", cityCode + "-MED"),
                // Sent to the door by the help center (dispatch SMS to these phones), and one family account.
                new DemoUser("responder01", "anxin-responder", "周建军（网格员）", "RESPONDER", code, "13800000101"),
                new DemoUser("responder02", "anxin-responder", "吴丽（志愿者）", "RESPONDER", code, "13800000102"),
                new DemoUser("responder03", "anxin-responder", "郑海（社区医生助理）", "RESPONDER", code, "13800000103"),
                new DemoUser("family01", "anxin-family", "家属（第一位老人的女儿）", "FAMILY", code, "13800000201"));
        for (DemoUser user : users) {
            user(fleet, user);
        }
        fleet.save(fleetPath, json);

        Map<String, JsonNode> devicesById = devicesById();
        adoptExistingElders(fleet, elders, devicesById);
        for (ElderProfile elder : elders) {
            if (!fleet.elders().containsKey(elder.index())) {
                JsonNode created = api.post("/api/v1/admin/elders", elderBody(elder, centerId));
                fleet.elders().put(elder.index(), created.path("id").asLong());
                fleet.save(fleetPath, json);
            }
            long elderId = fleet.elders().get(elder.index());
            String contractStep = "contract." + elder.index();
            if (!fleet.isDone(contractStep)) {
                String doctor = elder.index() % 2 == 0 ? "doctor01" : "doctor02";
                try {
                    api.post("/api/v1/admin/doctor-contracts", Map.of("elderId", elderId, "doctorUserId", fleet.users().get(doctor)));
                } catch (ApiException e) {
                    if (e.status() != 409) {
                        throw e;
                    }
                }
                fleet.done().put(contractStep, true);
            }
            String recordStep = "record." + elder.index();
            if (!fleet.isDone(recordStep)) {
                api.put("/api/v1/elders/" + elderId + "/health-record", HealthRecords.body(elder, java.time.LocalDate.now()));
                fleet.done().put(recordStep, true);
            }
        }
        familyLink(fleet, elders);
        fleet.save(fleetPath, json);

        Set<Integer> watchElders = watchElders(scenario, elders);
        registerDevices(fleet, elders.stream().filter(e -> !watchElders.contains(e.index())).toList(), centerId, devicesById);
        registerWatches(fleet, elders.stream().filter(e -> watchElders.contains(e.index())).toList(), centerId, devicesById);
        fleet.save(fleetPath, json);
        users = new ArrayList<>(users);
        users.add(new DemoUser(adminUser, adminPassword, "系统管理员", "ADMIN", null));
        return new ProvisionedCommunity(ProvisionedCommunity.fleetTag(code), centerId, Map.copyOf(fleet.elders()),
                Map.copyOf(fleet.deviceSecrets()), List.copyOf(users), watchElders(scenario, elders));
    }

    /** The demo family account follows the first elder (their family page, the CONTACTS escalation step). */
    private void familyLink(FleetFile fleet, List<ElderProfile> elders) {
        if (fleet.isDone("family.link") || elders.isEmpty() || !fleet.users().containsKey("family01")) {
            return;
        }
        api.post("/api/v1/admin/family-links", Map.of("userId", fleet.users().get("family01"),
                "elderId", fleet.elders().get(elders.get(0).index()), "relation", "女儿"));
        fleet.done().put("family.link", true);
    }

    /** Gives a device a new secret (when the one we hold is refused) and remembers it. */
    public synchronized String rotateSecret(String deviceId, String communityCode) {
        String secret = api.post("/api/v1/admin/devices/" + deviceId + "/rotate-secret", Map.of()).path("secret").asText();
        FleetFile fleet = FleetFile.load(fleetPath, communityCode, json);
        fleet.deviceSecrets().put(deviceId, secret);
        fleet.save(fleetPath, json);
        return secret;
    }

    private long organization(FleetFile fleet, Map<String, JsonNode> byCode, long parentId, String kind, String code,
                              String name, String nameEn, String phone, String address) {
        JsonNode existing = byCode.get(code);
        long id;
        if (existing != null) {
            id = existing.path("id").asLong();
        } else {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("parentId", parentId);
            body.put("kind", kind);
            body.put("code", code);
            body.put("name", name);
            body.put("nameEn", nameEn);
            body.put("phone", phone);
            body.put("address", address);
            id = api.post("/api/v1/admin/organizations", body).path("id").asLong();
            log.info("Created organization {} {} ({})", kind, name, code);
        }
        fleet.organizations().put(code, id);
        return id;
    }

    /**
     * Creates the endpoint once. The platform generates a webhook's signing secret and shows it only
     * in this answer, so it is kept in the fleet file; an endpoint whose secret was lost (an older
     * fleet file) gets a new one by rotation.
     */
    private void endpoint(FleetFile fleet, String step, long organizationId, String channel, String name, String url) {
        if (!fleet.isDone(step)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("organizationId", organizationId);
            body.put("channel", channel);
            body.put("name", name);
            body.put("url", url);
            JsonNode created = api.post("/api/v1/admin/endpoints", body);
            fleet.endpoints().put(step, created.path("id").asLong());
            if (created.hasNonNull("secret")) {
                fleet.endpointSecrets().put(step, created.get("secret").asText());
            }
            fleet.done().put(step, true);
            return;
        }
        if (channel.equals("WEBHOOK") && !fleet.endpointSecrets().containsKey(step)) {
            Long id = fleet.endpoints().get(step);
            if (id == null) {
                for (JsonNode e : api.getAll("/api/v1/admin/endpoints")) {
                    if (e.path("organizationId").asLong() == organizationId && url.equals(e.path("url").asText())) {
                        id = e.path("id").asLong();
                    }
                }
            }
            if (id != null) {
                String secret = api.post("/api/v1/admin/endpoints/" + id + "/rotate-secret", Map.of()).path("secret").asText();
                fleet.endpoints().put(step, id);
                fleet.endpointSecrets().put(step, secret);
                log.info("Endpoint {} had no known signing secret: rotated", name);
            }
        }
    }

    /**
     * SOS and falls: the care center and the medical partner at once (the demo shows the partner's
     * webhook within seconds); unacknowledged after a minute, the district help center and family.
     */
    private void emergencyPolicies(FleetFile fleet, long centerId) {
        for (String kind : List.of("SOS", "FALL")) {
            String step = "policy." + kind;
            if (fleet.isDone(step)) {
                continue;
            }
            List<Map<String, Object>> steps = List.of(
                    Map.of("afterSeconds", 0, "targets", List.of(Map.of("type", "ORGANIZATION", "up", 0), Map.of("type", "PARTNER"))),
                    Map.of("afterSeconds", 60, "unless", "ACKNOWLEDGED", "repeatEverySeconds", 120,
                            "targets", List.of(Map.of("type", "ORGANIZATION", "organizationKind", "DISTRICT"), Map.of("type", "CONTACTS"))));
            api.put("/api/v1/admin/escalation-policies", Map.of("organizationId", centerId, "alertKind", kind,
                    "name", "演示社区紧急呼叫 (demo " + kind + ")", "steps", steps));
            fleet.done().put(step, true);
        }
    }

    private void user(FleetFile fleet, DemoUser user) {
        if (fleet.users().containsKey(user.username())) {
            return;
        }
        long organizationId = fleet.organizations().get(user.organizationCode());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organizationId", organizationId);
        body.put("username", user.username());
        body.put("displayName", user.displayName());
        body.put("password", user.password());
        body.put("role", user.role());
        if (user.phone() != null) {
            body.put("phone", user.phone());
        }
        try {
            fleet.users().put(user.username(), api.post("/api/v1/admin/users", body).path("id").asLong());
        } catch (ApiException e) {
            if (e.status() != 409 && e.status() != 400) {
                throw e;
            }
            for (JsonNode existing : api.getAll("/api/v1/users?organizationId=" + organizationId)) {
                if (user.username().equals(existing.path("username").asText())) {
                    fleet.users().put(user.username(), existing.path("id").asLong());
                }
            }
            if (!fleet.users().containsKey(user.username())) {
                throw e;
            }
        }
    }

    private static Set<Integer> watchElders(Scenario scenario, List<ElderProfile> elders) {
        Set<Integer> wearers = new TreeSet<>();
        elders.stream().filter(e -> scenario.wearsWatch(e.index())).forEach(e -> wearers.add(e.index()));
        return Set.copyOf(wearers);
    }

    /**
     * A protocol watch per wearer (kind WATCH; the protocol has no password, so there is no
     * secret: the platform accepts registered, enabled ids). The handset and wristband an earlier
     * run gave the elder are disabled, so they do not go "offline" on the board.
     */
    private void registerWatches(FleetFile fleet, List<ElderProfile> wearers, long centerId, Map<String, JsonNode> devicesById) {
        String tag = ProvisionedCommunity.fleetTag(fleet.communityCode());
        int created = 0;
        for (ElderProfile elder : wearers) {
            long elderId = fleet.elders().get(elder.index());
            String watchId = ProvisionedCommunity.watchId(tag, elder.index());
            JsonNode existing = devicesById.get(watchId);
            if (existing == null) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("id", watchId);
                body.put("kind", "WATCH");
                body.put("organizationId", centerId);
                body.put("elderId", elderId);
                body.put("model", "GW-3G 老人定位手表");
                try {
                    api.post("/api/v1/admin/devices", body);
                    created++;
                } catch (ApiException e) {
                    if (e.status() != 409) {
                        throw e;
                    }
                }
            } else {
                if (existing.path("elderId").asLong() != elderId) {
                    api.post("/api/v1/admin/devices/" + watchId + "/bind", Map.of("elderId", elderId));
                }
                if (!existing.path("enabled").asBoolean(true)) {
                    api.post("/api/v1/admin/devices/" + watchId + "/enable", Map.of());
                }
            }
            for (DeviceRole role : DeviceRole.values()) {
                JsonNode old = devicesById.get(role.deviceId(tag, elder.index()));
                if (old != null && old.path("enabled").asBoolean(true)) {
                    api.post("/api/v1/admin/devices/" + role.deviceId(tag, elder.index()) + "/disable", Map.of());
                }
            }
        }
        if (created > 0) {
            log.info("Registered {} protocol watches", created);
        }
    }

    /** Elders created by an earlier run whose fleet file is gone are found through their devices. */
    private void adoptExistingElders(FleetFile fleet, List<ElderProfile> elders, Map<String, JsonNode> devicesById) {
        String tag = ProvisionedCommunity.fleetTag(fleet.communityCode());
        for (ElderProfile elder : elders) {
            JsonNode device = devicesById.get(DeviceRole.WRISTBAND.deviceId(tag, elder.index()));
            if (device == null) {
                device = devicesById.get(ProvisionedCommunity.watchId(tag, elder.index()));
            }
            if (!fleet.elders().containsKey(elder.index()) && device != null && device.hasNonNull("elderId")) {
                fleet.elders().put(elder.index(), device.path("elderId").asLong());
                fleet.done().put("contract." + elder.index(), true);
            }
        }
    }

    private void registerDevices(FleetFile fleet, List<ElderProfile> elders, long centerId, Map<String, JsonNode> devicesById)
            throws InterruptedException {
        String tag = ProvisionedCommunity.fleetTag(fleet.communityCode());
        ExecutorService pool = Executors.newFixedThreadPool(4); // the API hashes each secret slowly (bcrypt)
        try {
            List<Future<Map.Entry<String, String>>> pending = new ArrayList<>();
            for (ElderProfile elder : elders) {
                long elderId = fleet.elders().get(elder.index());
                for (DeviceRole role : DeviceRole.values()) {
                    String deviceId = role.deviceId(tag, elder.index());
                    JsonNode known = devicesById.get(deviceId);
                    if (known != null && !known.path("enabled").asBoolean(true)) {
                        api.post("/api/v1/admin/devices/" + deviceId + "/enable", Map.of()); // worn again after a watch
                    }
                    if (fleet.deviceSecrets().containsKey(deviceId) && known != null) {
                        continue;
                    }
                    pending.add(pool.submit(() -> Map.entry(deviceId, register(deviceId, role, centerId, elderId, devicesById.containsKey(deviceId)))));
                }
            }
            int created = 0;
            for (Future<Map.Entry<String, String>> future : pending) {
                try {
                    Map.Entry<String, String> entry = future.get();
                    fleet.deviceSecrets().put(entry.getKey(), entry.getValue());
                    created++;
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("device registration failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
            if (created > 0) {
                log.info("Registered {} devices (handset + wristband per elder)", created);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private String register(String deviceId, DeviceRole role, long centerId, long elderId, boolean exists) {
        if (!exists) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", deviceId);
            body.put("kind", role.name());
            body.put("organizationId", centerId);
            body.put("elderId", elderId);
            body.put("model", role == DeviceRole.HANDSET ? "AX-H2 一键通" : "AX-W5 健康手环");
            try {
                return api.post("/api/v1/admin/devices", body).path("secret").asText();
            } catch (ApiException e) {
                if (e.status() != 409) {
                    throw e;
                }
            }
        }
        api.post("/api/v1/admin/devices/" + deviceId + "/bind", Map.of("elderId", elderId));
        return api.post("/api/v1/admin/devices/" + deviceId + "/rotate-secret", Map.of()).path("secret").asText();
    }

    private Map<String, Object> elderBody(ElderProfile elder, long centerId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organizationId", centerId);
        body.put("name", elder.name());
        body.put("gender", elder.gender());
        body.put("birthDate", elder.birthDate().toString());
        body.put("phone", elder.phone());
        body.put("address", elder.address());
        body.put("conditions", elder.conditions());
        body.put("home", Map.of("lat", elder.homeLat(), "lon", elder.homeLon(), "radiusM", elder.homeRadiusM()));
        body.put("carePlan", CarePlans.forElder(elder));
        body.put("contacts", elder.contacts().stream()
                .map(c -> Map.of("name", c.name(), "relation", c.relation(), "phone", c.phone())).toList());
        return body;
    }

    private Map<String, JsonNode> organizationsByCode() {
        Map<String, JsonNode> byCode = new HashMap<>();
        collect(api.getAll("/api/v1/admin/organizations"), byCode);
        return byCode;
    }

    private static void collect(JsonNode node, Map<String, JsonNode> byCode) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isArray()) {
            node.forEach(child -> collect(child, byCode));
            return;
        }
        if (node.hasNonNull("code")) {
            byCode.put(node.get("code").asText(), node);
        }
        collect(node.get("children"), byCode);
    }

    private Map<String, JsonNode> devicesById() {
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode device : api.getAll("/api/v1/admin/devices")) {
            byId.put(device.path("id").asText(), device);
        }
        return byId;
    }
}
