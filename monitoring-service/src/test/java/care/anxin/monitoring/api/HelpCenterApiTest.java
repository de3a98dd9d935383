package care.anxin.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The help center's endpoints (issue 11) on the real service and database: phone intake, dispatch
 * and the responder link, handset commands, the map, family links; each with its scoping (a
 * responder, a family member and a care worker of another center get 404) and its faults.
 */
class HelpCenterApiTest extends ApiTestBase {

    private static final Pattern LINK = Pattern.compile("/responder\\.html#([A-Za-z0-9_-]{20,})");

    private TestTree t;
    private ApiClient careA;
    private ApiClient careB;
    private ApiClient responder;
    private ApiClient family;
    private long responderId;
    private long responderBId;
    private long familyId;

    @BeforeEach
    void setUp() {
        t = tree();
        careA = t.as("careA");
        careB = t.as("careB");
        responderId = user(t.centerA, "resp", "RESPONDER", "13700000001");
        responderBId = user(t.centerB, "respB", "RESPONDER", "13700000002");
        familyId = user(t.centerA, "fam", "FAMILY", "13600000001");
        responder = t.as("resp");
        family = t.as("fam");
        ApiClient.Response link = admin().post("/api/v1/admin/family-links",
                Map.of("userId", familyId, "elderId", t.elderA, "relation", "女儿"));
        assertThat(link.status()).as(link.raw().body()).isEqualTo(201);
    }

    // ---- 1. Phone intake ----------------------------------------------------------------------------

    @Test
    void aPhoneCallOpensAnIncidentThatEscalatesLikeADeviceOneAndIsAudited() {
        ApiClient.Response r = careA.post("/api/v1/alerts", Map.of("elderId", t.elderA2, "kind", "CALL_SOS",
                "note", "邻居来电：老人在家摔倒，呼叫无应答", "callerPhone", "13512345678", "callerRelation", "邻居"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        long id = r.json().get("id").asLong();
        assertThat(r.header("Location")).endsWith("/api/v1/alerts/" + id);
        assertThat(r.json().get("kind").asText()).isEqualTo("CALL_SOS");
        assertThat(r.json().get("severity").asText()).isEqualTo("CRITICAL");
        assertThat(r.json().get("status").asText()).isEqualTo("OPEN");
        // Handed to the alert service's escalation job at once.
        assertThat(jdbc.queryForObject("SELECT next_escalation_at <= now() FROM alert WHERE id = ?", Boolean.class, id)).isTrue();

        JsonNode detail = careA.get("/api/v1/alerts/" + id).json();
        assertThat(detail.get("detail").get("callerPhone").asText()).isEqualTo("13512345678");
        assertThat(detail.get("timeline").get(0).get("action").asText()).isEqualTo("CALL_OPENED");
        assertThat(ids(careA.get("/api/v1/alerts").json())).contains(String.valueOf(id));
        assertThat(jdbc.queryForList("SELECT action FROM audit_log WHERE target_type = 'alert' AND target_id = ?",
                String.class, String.valueOf(id))).containsExactly("ALERT_PHONE_INTAKE");

        // A second call about the same emergency is counted into the open incident.
        ApiClient.Response again = careA.post("/api/v1/alerts", Map.of("elderId", t.elderA2, "kind", "CALL_SOS", "note", "家属再次来电"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asLong()).isEqualTo(id);
        assertThat(again.json().get("eventCount").asInt()).isEqualTo(2);
    }

    @Test
    void serviceRequestsCarryAConfiguredKindAndRankLow() {
        ApiClient.Response meals = careA.post("/api/v1/alerts", Map.of("elderId", t.elderA2, "kind", "CALL_SERVICE",
                "serviceKind", "MEALS", "note", "请送午餐"));
        assertThat(meals.status()).as(meals.raw().body()).isEqualTo(201);
        assertThat(meals.json().get("severity").asText()).isEqualTo("LOW");
        assertThat(meals.json().get("title").asText()).contains("MEALS");

        ApiClient.Response unknown = careA.post("/api/v1/alerts", Map.of("elderId", t.elderA2, "kind", "CALL_SERVICE",
                "serviceKind", "HAIRCUT", "note", "x"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.raw().body()).contains("serviceKind");
        assertThat(careA.post("/api/v1/alerts", Map.of("elderId", t.elderA2, "kind", "CALL_SERVICE", "note", "x")).status())
                .isEqualTo(400);
        assertThat(careA.post("/api/v1/alerts", Map.of("elderId", t.elderA2, "kind", "CALL_HEALTH", "serviceKind", "MEALS",
                "note", "x")).status()).isEqualTo(400);
        assertThat(careA.post("/api/v1/alerts", Map.of("elderId", t.elderA2, "kind", "FIRE", "note", "x")).status()).isEqualTo(400);
        assertThat(careA.post("/api/v1/alerts", Map.of("elderId", t.elderA2, "kind", "CALL_HEALTH", "note", " ")).status())
                .isEqualTo(400);
        assertThat(careA.post("/api/v1/alerts", Map.of("elderId", t.elderA2, "kind", "CALL_HEALTH", "note", "x",
                "callerPhone", "call me")).status()).isEqualTo(400);
        // The catalogue offers the configured kinds to the console.
        assertThat(careA.get("/api/v1/catalogue").json().get("serviceKinds").toString()).contains("MEALS", "CLEANING");
    }

    @Test
    void phoneIntakeIsScoped() {
        Map<String, Object> call = Map.of("elderId", t.elderA, "kind", "CALL_HEALTH", "note", "头晕");
        assertThat(careB.post("/api/v1/alerts", call).status()).isEqualTo(404);
        assertThat(responder.post("/api/v1/alerts", call).status()).isEqualTo(404);
        assertThat(family.post("/api/v1/alerts", call).status()).isEqualTo(404);
        assertThat(careA.post("/api/v1/alerts", Map.of("elderId", 999_999_999L, "kind", "CALL_HEALTH", "note", "x")).status())
                .isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert WHERE elder_id = ? AND kind = 'CALL_HEALTH'",
                Long.class, t.elderA)).isZero();
    }

    // ---- 2. Dispatch to the doorstep -------------------------------------------------------------

    @Test
    void aDispatchTextsTheResponderALinkThroughTheOutboxAndTheirProgressGoesOnTheTimeline() {
        ApiClient.Response r = careA.post("/api/v1/alerts/" + t.alertA + "/dispatch",
                Map.of("responderUserId", responderId, "note", "带上血压计"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        assertThat(r.json().get("status").asText()).isEqualTo("DISPATCHED");
        assertThat(r.json().has("token")).isFalse();
        long dispatchId = r.json().get("id").asLong();

        // Dispatching took the call; the SMS waits in the alert service's outbox with a stable key.
        JsonNode alert = careA.get("/api/v1/alerts/" + t.alertA).json();
        assertThat(alert.get("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(alert.get("dispatch").get("status").asText()).isEqualTo("DISPATCHED");
        Map<String, Object> sms = jdbc.queryForMap("SELECT channel, recipient, status, payload::text AS payload FROM notification"
                + " WHERE idempotency_key = ?", "dispatch:" + dispatchId);
        assertThat(sms).containsEntry("channel", "SMS").containsEntry("recipient", "13700000001").containsEntry("status", "PENDING");
        String token = token((String) sms.get("payload"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert_dispatch WHERE token_hash LIKE ?", Long.class, "%" + token + "%"))
                .as("only the hash is stored").isZero();

        // The responder's phone, no login: the card, then on my way, arrived, done.
        ApiClient phone = ApiClient.session(port);
        JsonNode page = phone.get("/api/v1/responder/links/" + token).json();
        assertThat(page.get("alert").get("elder").get("name").asText()).isEqualTo("王秀英");
        assertThat(page.get("alert").get("elder").get("contacts").get(0).get("phone").asText()).isEqualTo("13900000000");
        assertThat(page.get("dispatch").get("note").asText()).isEqualTo("带上血压计");
        assertThat(page.get("actionable").asBoolean()).isTrue();
        assertThat(phone.post("/api/v1/responder/links/" + token + "/progress", Map.of("status", "EN_ROUTE")).status()).isEqualTo(200);
        ApiClient.Response arrived = phone.post("/api/v1/responder/links/" + token + "/progress", Map.of("status", "ARRIVED"));
        assertThat(arrived.json().get("dispatch").get("arrivedAt").isNull()).isFalse();
        // A double tap is harmless; going back is refused; done needs an outcome.
        assertThat(phone.post("/api/v1/responder/links/" + token + "/progress", Map.of("status", "ARRIVED")).status()).isEqualTo(200);
        assertThat(phone.post("/api/v1/responder/links/" + token + "/progress", Map.of("status", "EN_ROUTE")).status()).isEqualTo(409);
        assertThat(phone.post("/api/v1/responder/links/" + token + "/progress", Map.of("status", "DONE")).status()).isEqualTo(400);
        assertThat(phone.post("/api/v1/responder/links/" + token + "/progress",
                Map.of("status", "DONE", "outcome", "HELP_PROVIDED", "note", "血压 150/90，已服药")).status()).isEqualTo(200);
        // The link is spent.
        assertThat(phone.post("/api/v1/responder/links/" + token + "/progress",
                Map.of("status", "ARRIVED")).status()).isIn(409, 410);
        assertThat(phone.get("/api/v1/responder/links/" + token).json().get("actionable").asBoolean()).isFalse();

        List<String> actions = new ArrayList<>();
        careA.get("/api/v1/alerts/" + t.alertA).json().get("timeline").forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).containsSubsequence("ACKNOWLEDGED", "DISPATCHED", "RESPONDER_EN_ROUTE", "RESPONDER_ARRIVED",
                "RESPONDER_DONE");
        assertThat(jdbc.queryForList("SELECT action FROM audit_log WHERE target_type = 'alert' AND target_id = ? ORDER BY id",
                String.class, String.valueOf(t.alertA))).containsExactly("ALERT_DISPATCH", "DISPATCH_EN_ROUTE",
                "DISPATCH_ARRIVED", "DISPATCH_DONE");
        JsonNode performance = careA.get("/api/v1/performance/arrival?range=today").json();
        assertThat(performance.get("dispatched").asLong()).isEqualTo(1);
        assertThat(performance.get("arrived").asLong()).isEqualTo(1);
        assertThat(performance.get("within45Pct").asDouble()).isEqualTo(100.0);
        assertThat(careB.get("/api/v1/performance/arrival?range=today").json().get("dispatched").asLong()).isZero();
    }

    @Test
    void aResponderSeesOnlyTheIncidentsDispatchedToThem() {
        assertThat(responder.get("/api/v1/alerts/" + t.alertA).status()).isEqualTo(404);
        assertThat(responder.get("/api/v1/alerts").json()).isEmpty();
        long fall = t.insertAlert(t.elderA, t.centerA, "FALL", Instant.now());
        assertThat(careA.post("/api/v1/alerts/" + t.alertA + "/dispatch", Map.of("responderUserId", responderId)).status())
                .isEqualTo(201);

        assertThat(responder.get("/api/v1/alerts/" + t.alertA).status()).isEqualTo(200);
        assertThat(ids(responder.get("/api/v1/alerts").json())).containsExactly(String.valueOf(t.alertA));
        assertThat(responder.get("/api/v1/alerts/" + fall).status()).as("another incident of the same elder").isEqualTo(404);
        assertThat(responder.get("/api/v1/alerts/" + t.alertB).status()).isEqualTo(404);
        assertThat(responder.get("/api/v1/elders/" + t.elderA2).status()).isEqualTo(404);
        assertThat(responder.get("/api/v1/users").status()).isEqualTo(404);
        assertThat(responder.post("/api/v1/alerts/" + t.alertA + "/resolve", Map.of("outcome", "OTHER")).status()).isEqualTo(404);
        assertThat(responder.post("/api/v1/alerts/" + t.alertA + "/dispatch", Map.of("responderUserId", responderId)).status())
                .isEqualTo(404);

        // Logged in, the responder works from their own list.
        JsonNode mine = responder.get("/api/v1/responder/dispatches").json();
        assertThat(mine).hasSize(1);
        long dispatchId = mine.get(0).get("dispatch").get("id").asLong();
        assertThat(responder.post("/api/v1/responder/dispatches/" + dispatchId + "/progress", Map.of("status", "ARRIVED"))
                .json().get("dispatch").get("status").asText()).isEqualTo("ARRIVED");
        ApiClient otherResponder = t.as("respB");
        assertThat(otherResponder.post("/api/v1/responder/dispatches/" + dispatchId + "/progress", Map.of("status", "DONE",
                "outcome", "OTHER")).status()).isEqualTo(404);
        assertThat(careA.get("/api/v1/responder/dispatches").status()).isEqualTo(403);
    }

    @Test
    void dispatchIsScopedAndRefusesWhatCannotWork() {
        Map<String, Object> send = Map.of("responderUserId", responderId);
        assertThat(careB.post("/api/v1/alerts/" + t.alertA + "/dispatch", send).status()).isEqualTo(404);
        assertThat(family.post("/api/v1/alerts/" + t.alertA + "/dispatch", send).status()).isEqualTo(404);
        // A responder of another center is not someone center A can send.
        assertThat(careA.post("/api/v1/alerts/" + t.alertA + "/dispatch", Map.of("responderUserId", responderBId)).status())
                .isEqualTo(404);
        assertThat(careA.post("/api/v1/alerts/" + t.alertA + "/dispatch", Map.of("responderUserId", t.careAId)).status())
                .as("not a responder").isEqualTo(400);
        assertThat(careA.post("/api/v1/alerts/" + t.alertA + "/dispatch", Map.of("note", "nobody")).status()).isEqualTo(400);
        assertThat(careA.post("/api/v1/alerts/" + t.alertA + "/dispatch", Map.of("responderPhone", "not a phone")).status())
                .isEqualTo(400);
        // A volunteer without an account: just a phone number.
        ApiClient.Response volunteer = careA.post("/api/v1/alerts/" + t.alertA + "/dispatch",
                Map.of("responderPhone", "13811112222", "responderName", "志愿者老周"));
        assertThat(volunteer.status()).as(volunteer.raw().body()).isEqualTo(201);
        assertThat(careA.get("/api/v1/alerts/" + t.alertA + "/dispatches").json().get(0).get("responderName").asText())
                .isEqualTo("志愿者老周");
        assertThat(careB.get("/api/v1/alerts/" + t.alertA + "/dispatches").status()).isEqualTo(404);
        assertThat(careA.get("/api/v1/responders").json().findValuesAsText("displayName")).containsExactly("resp " + t.tag);

        assertThat(careA.post("/api/v1/alerts/" + t.alertA + "/resolve", Map.of("outcome", "HELP_PROVIDED")).status()).isEqualTo(200);
        assertThat(careA.post("/api/v1/alerts/" + t.alertA + "/dispatch", send).status()).as("closed incident").isEqualTo(409);
        // Unknown or malformed links are simply not found.
        ApiClient phone = ApiClient.session(port);
        assertThat(phone.get("/api/v1/responder/links/abcdefghijklmnopqrstuvwxyz0123456789").status()).isEqualTo(404);
        assertThat(phone.get("/api/v1/responder/links/short").status()).isEqualTo(404);
    }

    @Test
    void anExpiredLinkIsGone() {
        careA.post("/api/v1/alerts/" + t.alertA + "/dispatch", Map.of("responderUserId", responderId));
        String payload = jdbc.queryForObject("SELECT n.payload::text FROM notification n JOIN alert_dispatch d ON d.notification_id = n.id"
                + " WHERE d.alert_id = ?", String.class, t.alertA);
        jdbc.update("UPDATE alert_dispatch SET expires_at = now() - interval '1 minute' WHERE alert_id = ?", t.alertA);
        ApiClient phone = ApiClient.session(port);
        String token = token(payload);
        ApiClient.Response gone = phone.get("/api/v1/responder/links/" + token);
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.header("Content-Type")).contains("problem+json");
        assertThat(phone.post("/api/v1/responder/links/" + token + "/progress", Map.of("status", "ARRIVED")).status()).isEqualTo(410);
    }

    // ---- 3. Talking to the handset --------------------------------------------------------------

    @Test
    void messagesLocateAndConfigAreQueuedForTheHandsetAndShowTheirFate() {
        ApiClient.Response none = careA.post("/api/v1/elders/" + t.elderA + "/messages", Map.of("text", "我们马上到"));
        assertThat(none.status()).as("no device yet").isEqualTo(409);
        String device = "HS-" + t.tag;
        jdbc.update("INSERT INTO device (id, kind, organization_id, elder_id, secret_hash) VALUES (?, 'HANDSET', ?, ?, 'x')",
                device, t.centerA, t.elderA);

        ApiClient.Response message = careA.post("/api/v1/elders/" + t.elderA + "/messages", Map.of("text", "我们马上到，请开门"));
        assertThat(message.status()).as(message.raw().body()).isEqualTo(202);
        assertThat(message.json().get("status").asText()).isEqualTo("QUEUED");
        assertThat(message.json().get("deviceId").asText()).isEqualTo(device);
        long messageId = message.json().get("id").asLong();
        assertThat(jdbc.queryForObject("SELECT payload ->> 'text' FROM device_command WHERE id = ?", String.class, messageId))
                .isEqualTo("我们马上到，请开门");

        assertThat(careA.post("/api/v1/elders/" + t.elderA + "/locate", null).json().get("kind").asText()).isEqualTo("LOCATE");
        ApiClient.Response config = careA.post("/api/v1/elders/" + t.elderA + "/config", Map.of("locationIntervalSec", 60));
        assertThat(config.status()).isEqualTo(202);
        assertThat(jdbc.queryForObject("SELECT payload::text FROM device_command WHERE id = ?", String.class,
                config.json().get("id").asLong())).isEqualTo("{\"locationIntervalSec\": 60}");
        assertThat(careA.post("/api/v1/elders/" + t.elderA + "/config", Map.of()).status()).isEqualTo(400);
        assertThat(careA.post("/api/v1/elders/" + t.elderA + "/config", Map.of("vitalsIntervalSec", 1)).status()).isEqualTo(400);
        assertThat(careA.post("/api/v1/elders/" + t.elderA + "/messages", Map.of("text", "长".repeat(201))).status()).isEqualTo(400);

        // The gateway marks the message delivered on PUBACK; the LOCATE waits past its expiry.
        jdbc.update("UPDATE device_command SET status = 'DELIVERED', delivered_at = now() WHERE id = ?", messageId);
        jdbc.update("UPDATE device_command SET expires_at = now() - interval '1 second' WHERE kind = 'LOCATE' AND device_id = ?", device);
        JsonNode commands = careA.get("/api/v1/elders/" + t.elderA + "/commands").json();
        assertThat(commands.findValuesAsText("status")).containsExactly("QUEUED", "EXPIRED", "DELIVERED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'DEVICE_COMMAND' AND target_id = ?",
                Long.class, String.valueOf(t.elderA))).isEqualTo(3);

        for (ApiClient outsider : List.of(careB, responder, family)) {
            assertThat(outsider.post("/api/v1/elders/" + t.elderA + "/messages", Map.of("text", "hi")).status()).isEqualTo(404);
            assertThat(outsider.post("/api/v1/elders/" + t.elderA + "/locate", null).status()).isEqualTo(404);
            assertThat(outsider.get("/api/v1/elders/" + t.elderA + "/commands").status()).isEqualTo(404);
        }
    }

    // ---- 4. The map -----------------------------------------------------------------------------

    @Test
    void theMapShowsScopedPinsWithStateAndTracks() {
        Instant now = Instant.now();
        location(t.elderA, now.minusSeconds(26 * 3600), 31.20, 121.40);
        location(t.elderA, now.minusSeconds(3600), 31.231, 121.471);
        location(t.elderA, now.minusSeconds(60), 31.232, 121.472);
        location(t.elderB, now.minusSeconds(60), 31.30, 121.50);

        JsonNode settings = careA.get("/api/v1/map/settings").json();
        assertThat(settings.get("tileUrl").asText()).contains("{z}");
        assertThat(settings.get("coordinates").asText()).isEqualTo("WGS84");

        JsonNode pins = careA.get("/api/v1/map/elders").json();
        assertThat(pins.findValuesAsText("elderId")).containsExactlyInAnyOrder(String.valueOf(t.elderA), String.valueOf(t.elderA2));
        JsonNode pinA = find(pins, "elderId", t.elderA);
        assertThat(pinA.get("lat").asDouble()).isEqualTo(31.232);
        assertThat(pinA.get("alertKind").asText()).isEqualTo("SOS");
        assertThat(pinA.get("home").get("radiusM").asDouble()).isEqualTo(300);
        assertThat(find(pins, "elderId", t.elderA2).get("lat").isNull()).isTrue();

        JsonNode track = careA.get("/api/v1/elders/" + t.elderA + "/track").json();
        assertThat(track).hasSize(2);
        assertThat(careA.get("/api/v1/elders/" + t.elderA + "/track?hours=48").json()).hasSize(3);
        assertThat(careA.get("/api/v1/elders/" + t.elderA + "/track?hours=0").status()).isEqualTo(400);

        assertThat(careB.get("/api/v1/elders/" + t.elderA + "/track").status()).isEqualTo(404);
        assertThat(careB.get("/api/v1/map/elders").json().findValuesAsText("elderId")).containsExactly(String.valueOf(t.elderB));
        assertThat(responder.get("/api/v1/map/elders").status()).isEqualTo(404);
        assertThat(family.get("/api/v1/map/elders").status()).isEqualTo(404);
        assertThat(family.get("/api/v1/elders/" + t.elderA + "/track").status()).as("their own elder").isEqualTo(200);
        assertThat(family.get("/api/v1/elders/" + t.elderA2 + "/track").status()).isEqualTo(404);
    }

    // ---- 5. Families ----------------------------------------------------------------------------

    @Test
    void aFamilyMemberSeesTheirElderAndNothingElse() {
        assertThat(family.get("/api/v1/me").json().get("role").asText()).isEqualTo("FAMILY");
        assertThat(ids(family.get("/api/v1/elders").json())).containsExactly(String.valueOf(t.elderA));
        JsonNode elder = family.get("/api/v1/elders/" + t.elderA).json();
        assertThat(elder.get("name").asText()).isEqualTo("王秀英");
        assertThat(family.get("/api/v1/elders/" + t.elderA2).status()).isEqualTo(404);
        assertThat(family.get("/api/v1/elders/" + t.elderB).status()).isEqualTo(404);
        assertThat(ids(family.get("/api/v1/alerts?status=all").json())).containsExactly(String.valueOf(t.alertA));
        assertThat(family.get("/api/v1/alerts/" + t.alertA).status()).isEqualTo(200);
        assertThat(family.get("/api/v1/alerts/" + t.alertB).status()).isEqualTo(404);
        assertThat(family.post("/api/v1/alerts/" + t.alertA + "/acknowledge", Map.of()).status()).isEqualTo(404);
        assertThat(family.get("/api/v1/alerts/stream").status()).isEqualTo(404);
        assertThat(family.get("/api/v1/users").status()).isEqualTo(404);
        assertThat(family.get("/api/v1/performance").status()).isEqualTo(404);
        assertThat(family.get("/api/v1/admin/family-links").status()).isEqualTo(403);
    }

    @Test
    void familyLinksAreMadeByAdminsWithinTheirScope() {
        ApiClient.Response again = admin().post("/api/v1/admin/family-links",
                Map.of("userId", familyId, "elderId", t.elderA, "relation", "女儿"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("created").asBoolean()).isFalse();
        assertThat(admin().post("/api/v1/admin/family-links", Map.of("userId", t.careAId, "elderId", t.elderA)).status())
                .as("not a family account").isEqualTo(400);
        assertThat(admin().post("/api/v1/admin/family-links", Map.of("userId", familyId)).status()).isEqualTo(400);
        ApiClient adminA = t.as("adminA");
        assertThat(adminA.post("/api/v1/admin/family-links", Map.of("userId", familyId, "elderId", t.elderB)).status())
                .as("elder of another center").isEqualTo(404);
        assertThat(adminA.get("/api/v1/admin/family-links").json().findValuesAsText("elderId"))
                .containsExactly(String.valueOf(t.elderA));
        // Keyset pages: one link per page here, the second page continues after the first and ends the list.
        assertThat(adminA.post("/api/v1/admin/family-links", Map.of("userId", familyId, "elderId", t.elderA2)).status())
                .isEqualTo(201);
        ApiClient.Response first = adminA.get("/api/v1/admin/family-links?limit=1");
        String cursor = first.raw().headers().firstValue("X-Next-Cursor").orElseThrow();
        ApiClient.Response second = adminA.get("/api/v1/admin/family-links?limit=1&cursor=" + cursor);
        assertThat(first.json().findValuesAsText("elderId")).hasSize(1);
        assertThat(second.json().findValuesAsText("elderId")).hasSize(1)
                .doesNotContainAnyElementsOf(first.json().findValuesAsText("elderId"));
        assertThat(second.raw().headers().firstValue("X-Next-Cursor")).isEmpty();
        assertThat(adminA.get("/api/v1/admin/family-links?cursor=not-ours").status()).isEqualTo(400);
        assertThat(adminA.delete("/api/v1/admin/family-links/" + familyId + "/" + t.elderA2).status()).isEqualTo(204);
        assertThat(careA.post("/api/v1/admin/family-links", Map.of("userId", familyId, "elderId", t.elderA2)).status())
                .isEqualTo(403);

        assertThat(adminA.delete("/api/v1/admin/family-links/" + familyId + "/" + t.elderA).status()).isEqualTo(204);
        assertThat(family.get("/api/v1/elders/" + t.elderA).status()).isEqualTo(404);
        assertThat(adminA.delete("/api/v1/admin/family-links/" + familyId + "/" + t.elderA).status()).isEqualTo(404);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private long user(long organizationId, String name, String role, String phone) {
        ApiClient.Response r = admin().post("/api/v1/admin/users", Map.of("organizationId", organizationId,
                "username", t.username(name), "displayName", name + " " + t.tag, "password", TestTree.PASSWORD,
                "role", role, "phone", phone));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private void location(long elderId, Instant at, double lat, double lon) {
        jdbc.update("INSERT INTO location (time, elder_id, device_id, lat, lon) VALUES (?, ?, 'dev', ?, ?)",
                Timestamp.from(at), elderId, lat, lon);
    }

    private static JsonNode find(JsonNode array, String field, long value) {
        for (JsonNode n : array) {
            if (n.get(field).asLong() == value) {
                return n;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }

    /** Top-level ids of a JSON array (findValues would also collect nested elder and organization ids). */
    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }

    private static String token(String smsPayload) {
        Matcher m = LINK.matcher(smsPayload);
        assertThat(m.find()).as(smsPayload).isTrue();
        return m.group(1);
    }
}
