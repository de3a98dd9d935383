package care.anxin.monitoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Login, sessions and CSRF, throttling, API keys, validation problems. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityTest extends ApiTestBase {

    TestTree t;

    @BeforeAll
    void buildTree() {
        t = tree();
    }

    @Test
    void formLoginGivesASessionAndSessionPostsNeedTheCsrfToken() {
        ApiClient browser = ApiClient.session(port);
        assertThat(browser.get("/api/v1/me").status()).isEqualTo(401);
        ApiClient.Response login = browser.login(t.username("careA"), TestTree.PASSWORD);
        assertThat(login.status()).as(login.raw().body()).isEqualTo(200);
        assertThat(login.json().get("role").asText()).isEqualTo("CARE_STAFF");
        assertThat(browser.get("/api/v1/me").json().get("username").asText()).isEqualTo(t.username("careA"));

        ApiClient.Response forged = browser.withoutCsrf().post("/api/v1/alerts/" + t.alertA + "/notes",
                Map.of("text", "forged"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.header("Content-Type")).contains("application/problem+json");

        ApiClient withToken = ApiClient.session(port);
        withToken.login(t.username("careA"), TestTree.PASSWORD);
        ApiClient.Response note = withToken.post("/api/v1/alerts/" + t.alertA + "/notes", Map.of("text", "called family"));
        assertThat(note.status()).as(note.raw().body()).isEqualTo(200);

        assertThat(withToken.post("/logout", null).status()).isEqualTo(204);
        assertThat(withToken.get("/api/v1/me").status()).isEqualTo(401);
    }

    /** The login page asks who is logged in: "nobody" is a 200 answer, not a 401 in the browser console. */
    @Test
    void sessionAnswersTwoHundredWhetherOrNotSomeoneIsLoggedIn() {
        ApiClient browser = ApiClient.session(port);
        ApiClient.Response anonymous = browser.get("/api/v1/session");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().get("authenticated").asBoolean()).isFalse();
        assertThat(anonymous.json().has("user")).isFalse();
        assertThat(anonymous.raw().headers().allValues("Set-Cookie")).as("the CSRF cookie comes with it")
                .anyMatch(cookie -> cookie.startsWith("XSRF-TOKEN="));

        browser.login(t.username("careA"), TestTree.PASSWORD);
        ApiClient.Response in = browser.get("/api/v1/session");
        assertThat(in.json().get("authenticated").asBoolean()).isTrue();
        assertThat(in.json().get("user").get("username").asText()).isEqualTo(t.username("careA"));
        assertThat(t.as("careA").get("/api/v1/session").json().get("user").get("role").asText()).isEqualTo("CARE_STAFF");

        assertThat(browser.post("/logout", null).status()).isEqualTo(204);
        assertThat(browser.get("/api/v1/session").json().get("authenticated").asBoolean()).isFalse();
        assertThat(browser.post("/api/v1/session", null).status()).as("read-only").isIn(401, 403, 405);
    }

    @Test
    void loginWithoutCsrfTokenIsRefused() {
        ApiClient browser = ApiClient.session(port).withoutCsrf();
        browser.get("/login.html");
        assertThat(browser.login(t.username("careA"), TestTree.PASSWORD).status()).isEqualTo(403);
    }

    @Test
    void wrongPasswordIsAProblemAndRepeatedFailuresLockTheAccount() {
        String user = t.username("careB");
        ApiClient browser = ApiClient.session(port);
        ApiClient.Response first = browser.login(user, "wrong-password");
        assertThat(first.status()).isEqualTo(401);
        assertThat(first.header("Content-Type")).contains("application/problem+json");
        for (int i = 0; i < 5; i++) {
            browser.login(user, "wrong-password");
        }
        ApiClient.Response locked = browser.login(user, TestTree.PASSWORD);
        assertThat(locked.status()).as("even the right password waits").isEqualTo(429);
        assertThat(locked.header("Retry-After")).isNotNull();
        assertThat(ApiClient.basic(port, user, TestTree.PASSWORD).get("/api/v1/me").status()).isEqualTo(429);
        assertThat(jdbc.queryForObject("SELECT failures FROM login_throttle WHERE subject = ?", Integer.class,
                "account:" + user)).as("attempts refused while locked are not counted").isEqualTo(5);
    }

    @Test
    void apiKeysAuthenticateAsTheirRoleAndOrganization() {
        ApiClient.Response created = admin().post("/api/v1/admin/api-keys",
                Map.of("name", "partner-" + t.tag, "role", "DISTRICT_STAFF", "organizationId", t.district));
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().get("key").asText();
        assertThat(key).startsWith("ak_");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_key WHERE key_hash = ?", Long.class, key))
                .as("only a hash is stored").isZero();

        ApiClient partner = ApiClient.bearer(port, key);
        assertThat(ScopingTest.ids(partner.get("/api/v1/alerts?status=all"))).contains(t.alertA, t.alertB);
        assertThat(partner.post("/api/v1/alerts/" + t.alertB + "/notes", Map.of("text", "partner note")).status())
                .as("no CSRF for bearer requests").isEqualTo(200);
        assertThat(ApiClient.bearer(port, "ak_wrong").get("/api/v1/me").status()).isEqualTo(401);

        long id = created.json().get("id").asLong();
        assertThat(admin().delete("/api/v1/admin/api-keys/" + id).status()).isEqualTo(204);
        assertThat(partner.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void invalidBodiesAreProblemDetailsNamingTheFields() {
        ApiClient.Response r = admin().post("/api/v1/admin/elders", Map.of("organizationId", t.centerA,
                "name", "", "gender", "X", "birthDate", "2999-01-01"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).contains("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(400);
        assertThat(r.json().get("errors")).extracting(e -> e.get("field").asText())
                .contains("name", "gender", "birthDate");

        ApiClient.Response outcome = t.as("careA").post("/api/v1/alerts/" + t.alertA + "/resolve",
                Map.of("outcome", "MAGIC"));
        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.header("Content-Type")).contains("application/problem+json");
    }

    @Test
    void publicPagesAndHealthNeedNoLoginButMetricsNeedAnAdmin() {
        ApiClient anonymous = ApiClient.session(port);
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(anonymous.download("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(anonymous.get("/actuator/info").status()).isEqualTo(401);
        assertThat(t.as("careA").download("/actuator/prometheus").status()).isEqualTo(403);
        ApiClient.Response metrics = admin().download("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().body()).contains("anxin_stream_subscribers");
        assertThat(anonymous.get("/api/v1/alerts").status()).isEqualTo(401);
    }
}
