package care.anxin.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Accounts and web security (issue 15): password change and reset flows, disabling ends sessions and
 * API keys at once, login throttling that parallel guesses cannot race, security headers and body
 * caps, API key expiry, webhook URLs refused (SSRF) and secrets shown once, policies only inside the
 * admin's subtree, audit of elder reads, and lists walked page by page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountSecurityTest extends ApiTestBase {

    TestTree t;

    @BeforeAll
    void buildTree() {
        t = tree();
    }

    private long newUser(String name, String role, long organizationId) {
        ApiClient.Response r = admin().post("/api/v1/admin/users", Map.of("organizationId", organizationId,
                "username", t.username(name), "displayName", name, "password", TestTree.PASSWORD, "role", role));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private ApiClient loggedIn(String name, String password) {
        ApiClient browser = ApiClient.session(port);
        ApiClient.Response login = browser.login(t.username(name), password);
        assertThat(login.status()).as(login.raw().body()).isEqualTo(200);
        return browser;
    }

    @Test
    void passwordChangeChecksTheCurrentOneAppliesThePolicyAndEndsOtherSessions() {
        newUser("changer", "CARE_STAFF", t.centerA);
        ApiClient first = loggedIn("changer", TestTree.PASSWORD);
        ApiClient second = loggedIn("changer", TestTree.PASSWORD);

        ApiClient.Response wrong = first.post("/api/v1/me/password",
                Map.of("currentPassword", "not-my-password", "newPassword", "a-good-new-pass-7"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.header("Content-Type")).contains("application/problem+json");
        for (String weak : List.of("short-1", "password123", "1234567890", t.username("changer") + "-x", "aaaaaaaaaaaa")) {
            ApiClient.Response refused = first.post("/api/v1/me/password",
                    Map.of("currentPassword", TestTree.PASSWORD, "newPassword", weak));
            assertThat(refused.status()).as(weak).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("newPassword");
        }

        ApiClient.Response changed = first.post("/api/v1/me/password",
                Map.of("currentPassword", TestTree.PASSWORD, "newPassword", "a-good-new-pass-7"));
        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(204);
        assertThat(first.get("/api/v1/me").status()).as("this session continues").isEqualTo(200);
        assertThat(second.get("/api/v1/me").status()).as("other sessions end").isEqualTo(401);
        assertThat(ApiClient.basic(port, t.username("changer"), TestTree.PASSWORD).get("/api/v1/me").status())
                .isEqualTo(401);
        assertThat(ApiClient.basic(port, t.username("changer"), "a-good-new-pass-7").get("/api/v1/me").status())
                .isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'PASSWORD_CHANGE' AND username = ?",
                Long.class, t.username("changer"))).isEqualTo(1);
    }

    @Test
    void adminResetGivesAOneTimePasswordThatMustBeChangedAtLogin() {
        long id = newUser("forgetful", "CARE_STAFF", t.centerA);
        ApiClient before = loggedIn("forgetful", TestTree.PASSWORD);

        ApiClient.Response reset = admin().post("/api/v1/admin/users/" + id + "/reset-password", null);
        assertThat(reset.status()).as(reset.raw().body()).isEqualTo(200);
        String temporary = reset.json().get("temporaryPassword").asText();
        assertThat(temporary).matches("[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}");
        assertThat(before.get("/api/v1/me").status()).as("the reset ends running sessions").isEqualTo(401);

        ApiClient browser = loggedIn("forgetful", temporary);
        assertThat(browser.get("/api/v1/me").json().get("mustChangePassword").asBoolean()).isTrue();
        ApiClient.Response blocked = browser.get("/api/v1/elders");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.json().get("detail").asText()).contains("Password change required");

        assertThat(browser.post("/api/v1/me/password", Map.of("currentPassword", temporary,
                "newPassword", "my-own-secret-9")).status()).isEqualTo(204);
        assertThat(browser.get("/api/v1/me").json().get("mustChangePassword").asBoolean()).isFalse();
        assertThat(browser.get("/api/v1/elders").status()).isEqualTo(200);
        assertThat(ApiClient.session(port).login(t.username("forgetful"), temporary).status())
                .as("the temporary password works once").isEqualTo(401);
    }

    @Test
    void disablingEndsSessionsAndApiKeysAtOnce() {
        long id = newUser("leaver", "ADMIN", t.centerA);
        ApiClient session = loggedIn("leaver", TestTree.PASSWORD);
        ApiClient.Response key = session.post("/api/v1/admin/api-keys",
                Map.of("name", "leaver-key", "role", "CARE_STAFF", "organizationId", t.centerA));
        assertThat(key.status()).as(key.raw().body()).isEqualTo(201);
        ApiClient bearer = ApiClient.bearer(port, key.json().get("key").asText());
        ApiClient basic = ApiClient.basic(port, t.username("leaver"), TestTree.PASSWORD);
        assertThat(bearer.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(basic.get("/api/v1/me").status()).isEqualTo(200);

        assertThat(admin().post("/api/v1/admin/users/" + id + "/disable", null).status()).isEqualTo(204);

        assertThat(session.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(bearer.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(basic.get("/api/v1/me").status()).as("even a cached Basic check").isEqualTo(401);
        assertThat(ApiClient.session(port).login(t.username("leaver"), TestTree.PASSWORD).status()).isEqualTo(401);
        assertThat(jdbc.queryForObject("SELECT revoked_at IS NOT NULL FROM api_key WHERE id = ?", Boolean.class,
                key.json().get("id").asLong())).isTrue();

        assertThat(admin().post("/api/v1/admin/users/" + id + "/enable", null).status()).isEqualTo(204);
        assertThat(ApiClient.session(port).login(t.username("leaver"), TestTree.PASSWORD).status()).isEqualTo(200);
        assertThat(bearer.get("/api/v1/me").status()).as("keys stay revoked").isEqualTo(401);
        assertThat(t.as("adminA").post("/api/v1/admin/users/" + t.careAId + "/disable", null).status())
                .as("only users below the admin's organization").isEqualTo(204);
        assertThat(t.as("adminA").post("/api/v1/admin/users/" + t.doctorId + "/disable", null).status()).isEqualTo(404);
        admin().post("/api/v1/admin/users/" + t.careAId + "/enable", null);
    }

    @Test
    void twentyParallelWrongLoginsCannotExceedTheThreshold() throws Exception {
        long id = newUser("target", "CARE_STAFF", t.centerA);
        List<Callable<Integer>> guesses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            guesses.add(() -> ApiClient.session(port).login(t.username("target"), "guess-" + n).status());
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> f : pool.invokeAll(guesses)) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).containsOnly(401, 429);
        assertThat(statuses.stream().filter(s -> s == 401).count()).as("passwords checked").isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT failures FROM login_throttle WHERE subject = ?", Integer.class,
                "account:" + t.username("target"))).isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'LOGIN_FAILED' AND username = ?",
                Long.class, t.username("target"))).isEqualTo(20);

        assertThat(ApiClient.session(port).login(t.username("target"), TestTree.PASSWORD).status()).isEqualTo(429);
        assertThat(admin().delete("/api/v1/admin/users/" + id + "/login-lock").status()).isEqualTo(204);
        assertThat(ApiClient.session(port).login(t.username("target"), TestTree.PASSWORD).status())
                .as("an admin lifted the lock").isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'LOGIN' AND username = ?",
                Long.class, t.username("target"))).isEqualTo(1);
    }

    @Test
    void securityHeadersCookieFlagsAndBodyLimits() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/", "/login.html", "/api/v1/me")) {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .build(), HttpResponse.BodyHandlers.discarding());
            var h = r.headers();
            assertThat(h.firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("script-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                    .doesNotContain("script-src 'self' 'unsafe-inline'"));
            assertThat(h.firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(h.firstValue("Referrer-Policy")).as(path).contains("same-origin");
            assertThat(h.firstValue("X-Frame-Options")).as(path).contains("DENY");
        }
        // Plain http: cookies without Secure; behind a trusted proxy that terminated TLS: Secure.
        HttpResponse<Void> plain = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login.html"))
                .build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<Void> proxied = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login.html"))
                .header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.discarding());
        assertThat(plain.headers().allValues("Set-Cookie")).isNotEmpty().noneMatch(c -> c.contains("Secure"));
        assertThat(proxied.headers().allValues("Set-Cookie")).isNotEmpty().allMatch(c -> c.contains("Secure"));
        ApiClient browser = loggedIn("careA", TestTree.PASSWORD);
        assertThat(browser.get("/api/v1/me").status()).isEqualTo(200);

        String big = "{\"text\":\"" + "x".repeat(1_100_000) + "\"}";
        ApiClient.Response tooBig = t.as("careA").send("POST", "/api/v1/alerts/" + t.alertA + "/notes", big,
                "application/json");
        assertThat(tooBig.status()).isEqualTo(413);
        ApiClient.Response bigLogin = ApiClient.session(port).send("POST", "/login",
                "{\"username\":\"" + "u".repeat(20_000) + "\",\"password\":\"x\"}", "application/json");
        assertThat(bigLogin.status()).isIn(403, 413);
    }

    @Test
    void apiKeysExpireAndTheirLifetimeIsCapped() {
        ApiClient.Response tooLong = admin().post("/api/v1/admin/api-keys", Map.of("name", "forever",
                "role", "CARE_STAFF", "organizationId", t.centerA, "expiresInDays", 10_000));
        assertThat(tooLong.status()).isEqualTo(400);
        ApiClient.Response created = admin().post("/api/v1/admin/api-keys", Map.of("name", "yearly-" + t.tag,
                "role", "CARE_STAFF", "organizationId", t.centerA));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("expiresAt").asText()).startsWith(
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(365).toString().substring(0, 4));
        ApiClient key = ApiClient.bearer(port, created.json().get("key").asText());
        assertThat(key.get("/api/v1/me").status()).isEqualTo(200);
        jdbc.update("UPDATE api_key SET expires_at = now() - interval '1 second' WHERE id = ?",
                created.json().get("id").asLong());
        assertThat(key.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void webhookUrlsToInternalTargetsOrPlainHttpAreRefused() {
        for (String url : List.of("https://127.0.0.1/hook", "https://169.254.169.254/latest/meta-data/",
                "https://10.0.0.1/hook", "https://localhost:8443/hook", "http://example.com/hook",
                "https://user:pw@example.com/hook", "https://[::1]/hook", "https://192.168.1.5/x")) {
            ApiClient.Response r = admin().post("/api/v1/admin/endpoints", Map.of("organizationId", t.centerA,
                    "channel", "WEBHOOK", "name", "bad", "url", url));
            assertThat(r.status()).as(url).isEqualTo(400);
            assertThat(r.header("Content-Type")).contains("application/problem+json");
            assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("url");
        }
        ApiClient.Response ownSecret = admin().post("/api/v1/admin/endpoints", Map.of("organizationId", t.centerA,
                "channel", "WEBHOOK", "name", "mine", "url", "https://93.184.216.34/hook", "secret", "chosen"));
        assertThat(ownSecret.status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification_endpoint WHERE organization_id = ?",
                Long.class, t.centerA)).isZero();
    }

    @Test
    void webhookSecretsAreGeneratedShownOnceStoredEncryptedAndRotated() {
        ApiClient.Response created = admin().post("/api/v1/admin/endpoints", Map.of("organizationId", t.centerB,
                "channel", "WEBHOOK", "name", "partner", "url", "https://93.184.216.34/hook"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String secret = created.json().get("secret").asText();
        long id = created.json().get("id").asLong();
        assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
        Map<String, Object> row = jdbc.queryForMap("SELECT secret, secret_enc FROM notification_endpoint WHERE id = ?", id);
        assertThat(row.get("secret")).isNull();
        assertThat((String) row.get("secret_enc")).startsWith("v1:").doesNotContain(secret);
        assertThat(admin().get("/api/v1/admin/endpoints").raw().body()).doesNotContain(secret).doesNotContain("v1:");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE detail::text LIKE ?", Long.class,
                "%" + secret + "%")).isZero();

        ApiClient.Response rotated = admin().post("/api/v1/admin/endpoints/" + id + "/rotate-secret", null);
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json().get("secret").asText()).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(rotated.json().get("previousSecretValidUntil").isNull()).isFalse();
        assertThat(jdbc.queryForObject("SELECT previous_secret_enc = ? FROM notification_endpoint WHERE id = ?",
                Boolean.class, row.get("secret_enc"), id)).isTrue();
        assertThat(t.as("adminA").post("/api/v1/admin/endpoints/" + id + "/rotate-secret", null).status())
                .as("outside the admin's subtree").isEqualTo(404);
    }

    @Test
    void escalationPoliciesMayOnlyTargetTheAdminsSubtree() {
        Map<String, Object> outside = Map.of("organizationId", t.centerA, "alertKind", "SOS", "name", "p",
                "steps", List.of(Map.of("afterSeconds", 0, "targets",
                        List.of(Map.of("type", "ORGANIZATION", "organizationId", t.centerB)))));
        assertThat(t.as("adminA").put("/api/v1/admin/escalation-policies", outside).status()).isEqualTo(404);
        Map<String, Object> inside = Map.of("organizationId", t.centerA, "alertKind", "SOS", "name", "p",
                "steps", List.of(Map.of("afterSeconds", 0, "targets",
                        List.of(Map.of("type", "ORGANIZATION", "organizationId", t.centerA)))));
        assertThat(t.as("adminA").put("/api/v1/admin/escalation-policies", inside).status()).isEqualTo(200);
    }

    @Test
    void readsOfAnEldersDataAreAuditedAndSearchable() {
        assertThat(t.as("careA").get("/api/v1/elders/" + t.elderA).status()).isEqualTo(200);
        assertThat(t.as("careA").get("/api/v1/elders/" + t.elderA + "/trends?range=24h").status()).isEqualTo(200);
        assertThat(t.as("careA").get("/api/v1/elders/" + t.elderB).status()).isEqualTo(404);

        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT action, username, target_id, elder_id, detail->>'view' AS view FROM audit_log
                WHERE elder_id = ? ORDER BY id""", t.elderA);
        assertThat(rows).extracting(r -> r.get("view")).contains("detail", "trends");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("action")).isEqualTo("ELDER_READ");
            assertThat(r.get("username")).isEqualTo(t.username("careA"));
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE elder_id = ?", Long.class, t.elderB))
                .as("a refused read is no read").isZero();

        JsonNode found = admin().get("/api/v1/admin/audit?elderId=" + t.elderA + "&username=" + t.username("careA")).json();
        assertThat(found).extracting(n -> n.get("action").asText()).contains("ELDER_READ");
        assertThat(t.as("adminA").get("/api/v1/admin/audit?userId=" + t.doctorId).json())
                .as("an admin sees the audit of their own subtree only").isEmpty();
        assertThat(t.as("careA").get("/api/v1/admin/audit").status()).isEqualTo(403);

        JsonNode storage = admin().get("/api/v1/admin/storage").json();
        assertThat(storage.get("tables")).extracting(n -> n.get("table").asText()).contains("audit_log", "rejected_message");
        assertThat(storage.get("retention").get("rejected_message").asText()).isEqualTo("PT720H");
    }

    @Test
    void aPaginatedListWalksAllRowsExactlyOnce() {
        for (int i = 0; i < 7; i++) {
            newUser("pager" + i, "CARE_STAFF", t.centerB);
        }
        List<Long> all = ids(admin().get("/api/v1/users?organizationId=" + t.centerB + "&limit=1000").json());
        assertThat(all).hasSizeGreaterThanOrEqualTo(8);

        List<Long> walked = new ArrayList<>();
        String next = "/api/v1/users?organizationId=" + t.centerB + "&limit=3";
        int pages = 0;
        while (next != null) {
            ApiClient.Response page = admin().get(next);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().size()).isLessThanOrEqualTo(3);
            walked.addAll(ids(page.json()));
            String link = page.header("Link");
            next = link == null ? null : link.replaceAll("^<([^>]+)>.*$", "$1");
            pages++;
        }
        assertThat(walked).containsExactlyElementsOf(all);
        assertThat(pages).isEqualTo((all.size() + 2) / 3);
        assertThat(admin().get("/api/v1/users?cursor=garbage!").status()).isEqualTo(400);
        assertThat(admin().get("/api/v1/users?limit=100000").status()).isEqualTo(400);
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.get("id").asLong()));
        return ids;
    }
}
