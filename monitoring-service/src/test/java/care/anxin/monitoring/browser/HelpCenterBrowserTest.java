package care.anxin.monitoring.browser;

import static care.anxin.monitoring.browser.ConsoleFixtures.ELDER_NAME;
import static care.anxin.monitoring.browser.ConsoleFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.monitoring.MonitoringApplication;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The help center in headless Chromium (issue 11): an operator logs a phone call and dispatches it
 * from the board; the responder's page on a phone-sized window marks "arrived" and the board shows it
 * live; the map shows the SOS marker (with a local tile stub, then with the tiles unreachable); a
 * family member logs in and sees only their elder. The click count from the board to a dispatched
 * call is printed.
 */
@SpringBootTest(classes = MonitoringApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"anxin.monitoring.stream.heartbeat=2s", "logging.level.care.anxin=INFO"})
class HelpCenterBrowserTest extends ConsoleBrowserSupport {

    private static final Pattern LINK = Pattern.compile("/responder\\.html#([A-Za-z0-9_-]{20,})");
    /** A 1×1 PNG: the stub's every tile. */
    private static final byte[] TILE = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private static final HttpServer TILES = tileStub();
    private static final AtomicInteger TILES_SERVED = new AtomicInteger();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("anxin.monitoring.map.tile-url",
                () -> "http://127.0.0.1:" + TILES.getAddress().getPort() + "/tiles/{z}/{x}/{y}.png");
        registry.add("anxin.monitoring.map.attribution", () -> "Test tiles");
    }

    private long otherElder;

    @BeforeAll
    void moreFixtures() {
        String hash = new BCryptPasswordEncoder().encode(PASSWORD);
        jdbc.update("""
                INSERT INTO app_user (organization_id, username, display_name, password_hash, role, phone)
                VALUES (?, 'bt-responder', '赵网格员', ?, 'RESPONDER', '13711110000')""", fixtures.centerId(), hash);
        long family = jdbc.queryForObject("""
                INSERT INTO app_user (organization_id, username, display_name, password_hash, role, phone)
                VALUES (?, 'bt-family', '刘芳', ?, 'FAMILY', '13700137000') RETURNING id""", Long.class, fixtures.centerId(), hash);
        jdbc.update("INSERT INTO family_link (user_id, elder_id, relation) VALUES (?, ?, '女儿')", family, fixtures.elderId());
        otherElder = jdbc.queryForObject("""
                INSERT INTO elder (organization_id, name, gender, birth_date, address)
                VALUES (?, '孙大爷', 'M', DATE '1939-01-01', '上海市静安区康宁路 90 弄') RETURNING id""", Long.class, fixtures.centerId());
    }

    @AfterAll
    void stopTiles() {
        TILES.stop(0);
    }

    @Test
    void anOperatorLogsAPhoneCallAndDispatchesItAndTheResponderArrivesLive() {
        try (HeadlessChrome operator = browser(); HeadlessChrome phone = browser()) {
            operator.login("bt-staff", PASSWORD);
            operator.waitFor(d -> "live".equals(d.findElement(By.id("live-indicator")).getAttribute("data-state")));

            int clicks = 0;
            operator.driver.findElement(By.id("new-call")).click();
            clicks++;
            operator.waitFor(d -> d.findElement(By.id("call-elder-search"))).sendKeys("张秀英");
            WebElement pick = operator.waitFor(Duration.ofSeconds(10), d -> d.findElement(By.cssSelector("#call-elder-results button.pick")));
            pick.click();
            clicks++;
            operator.driver.findElement(By.cssSelector("#call-form textarea[name='note']")).sendKeys("女儿来电：老人说胸闷，家中无人");
            operator.driver.findElement(By.cssSelector("#call-form input[name='callerPhone']")).sendKeys("13700137000");
            new Select(operator.driver.findElement(By.cssSelector("#call-form select[name='responderUserId']"))).selectByIndex(1);
            clicks++;
            operator.screenshot("call-form");
            operator.driver.findElement(By.id("call-submit")).click();
            clicks++;
            System.out.printf("Board -> dispatched phone call: %d clicks (plus typing the name and the note)%n", clicks);

            long alertId = operator.waitFor(Duration.ofSeconds(15), d -> jdbc.queryForList(
                    "SELECT a.id FROM alert a JOIN alert_dispatch x ON x.alert_id = a.id WHERE a.kind = 'CALL_SOS'", Long.class)
                    .stream().findFirst().orElse(null));
            By card = By.cssSelector("article.incident[data-alert-id='" + alertId + "']");
            operator.waitFor(Duration.ofSeconds(15), d -> "DISPATCHED".equals(d.findElement(card)
                    .findElement(By.cssSelector("[data-dispatch-status]")).getAttribute("data-dispatch-status")));
            assertThat(operator.driver.findElement(card).getText()).contains(ELDER_NAME, "赵网格员", "已派单");
            assertThat(jdbc.queryForObject("SELECT status FROM alert WHERE id = ?", String.class, alertId)).isEqualTo("ACKNOWLEDGED");

            // The responder opens the link from the SMS on a phone-sized screen.
            String sms = jdbc.queryForObject("SELECT n.payload ->> 'text' FROM notification n JOIN alert_dispatch d"
                    + " ON d.notification_id = n.id WHERE d.alert_id = ?", String.class, alertId);
            Matcher m = LINK.matcher(sms);
            assertThat(m.find()).as(sms).isTrue();
            phone.driver.manage().window().setSize(new Dimension(390, 844));
            phone.open("/responder.html#" + m.group(1));
            phone.waitFor(Duration.ofSeconds(15), d -> d.findElement(By.id("btn-arrived")));
            assertThat(phone.driver.findElement(By.cssSelector(".responder-card")).getText())
                    .contains(ELDER_NAME, "康宁路", "女儿来电", "刘建国", "导航前往");
            phone.screenshot("responder-phone");
            phone.driver.findElement(By.id("btn-arrived")).click();
            phone.waitFor(d -> "ARRIVED".equals(d.findElement(By.cssSelector(".responder-card")).getAttribute("data-status")));

            // Live on the operator's board, no reload.
            operator.waitFor(Duration.ofSeconds(15), d -> "ARRIVED".equals(d.findElement(card)
                    .findElement(By.cssSelector("[data-dispatch-status]")).getAttribute("data-dispatch-status")));
            assertThat(operator.driver.findElement(card).getText()).contains("已到达");
            operator.screenshot("board-responder-arrived");

            new Select(phone.driver.findElement(By.id("outcome"))).selectByValue("HELP_PROVIDED");
            phone.driver.findElement(By.id("btn-done")).click();
            phone.waitFor(d -> d.findElement(By.id("responder-closed")));
            assertThat(jdbc.queryForList("SELECT action FROM alert_action WHERE alert_id = ? ORDER BY id", String.class, alertId))
                    .containsSubsequence("CALL_OPENED", "ACKNOWLEDGED", "DISPATCHED", "RESPONDER_ARRIVED", "RESPONDER_DONE");
        }
    }

    @Test
    void theMapShowsTheSosMarkerWithTilesAndWithout() {
        long sos = fixtures.openSos(jdbc);
        try (HeadlessChrome chrome = browser()) {
            chrome.login("bt-staff", PASSWORD);
            chrome.waitFor(d -> d.getCurrentUrl().endsWith("#/board"));
            chrome.open("/#/map");
            chrome.waitFor(Duration.ofSeconds(15), d -> d.findElement(By.cssSelector("#map path.marker-sos")));
            assertThat(chrome.driver.findElement(By.cssSelector("#map-list [data-state='sos']")).getText()).contains(ELDER_NAME);
            assertThat(chrome.driver.findElement(By.cssSelector("#map-list [data-elder-id='" + otherElder + "']"))
                    .getAttribute("data-state")).isEqualTo("offline");
            assertThat(chrome.driver.findElements(By.cssSelector("#map path.fence-home"))).isNotEmpty();
            chrome.waitFor(Duration.ofSeconds(10), d -> TILES_SERVED.get() > 0);
            assertThat(chrome.driver.findElement(By.cssSelector(".leaflet-control-attribution")).getText()).contains("Test tiles");
            chrome.screenshot("map-sos");

            // Tiles unreachable: markers and the elder's track still draw.
            TILES.stop(0);
            chrome.driver.navigate().refresh();
            chrome.waitFor(Duration.ofSeconds(15), d -> d.findElement(By.cssSelector("#map path.marker-sos")));
            chrome.open("/#/elders/" + fixtures.elderId());
            chrome.waitFor(Duration.ofSeconds(15), d -> "1".equals(d.findElement(By.id("track-map")).getAttribute("data-points")));
            assertThat(chrome.driver.findElements(By.cssSelector("#track-map path.track-end"))).isNotEmpty();
            chrome.screenshot("elder-track-no-tiles");
        } finally {
            jdbc.update("UPDATE alert SET status = 'RESOLVED', resolved_at = now() WHERE id = ?", sos);
        }
    }

    @Test
    void aFamilyMemberLogsInAndSeesOnlyTheirElder() {
        try (HeadlessChrome chrome = browser()) {
            chrome.driver.manage().window().setSize(new Dimension(390, 844));
            // Not chrome.login(): that waits for the staff console's header, which a family member never gets.
            chrome.open("/login.html");
            chrome.waitFor(d -> d.findElement(By.id("username"))).sendKeys("bt-family");
            chrome.driver.findElement(By.id("password")).sendKeys(PASSWORD);
            chrome.driver.findElement(By.id("login-submit")).click();
            chrome.waitFor(Duration.ofSeconds(15), d -> d.getCurrentUrl().contains("/family.html"));
            WebElement elders = chrome.waitFor(Duration.ofSeconds(15), d -> d.findElement(By.id("family-elders")));
            assertThat(elders.findElements(By.cssSelector(".family-card"))).hasSize(1);
            assertThat(elders.getText()).contains(ELDER_NAME, "在线", "心率").doesNotContain("孙大爷");
            chrome.screenshot("family-page");
            // The staff console is not theirs: it sends them back to their page.
            chrome.open("/#/board");
            chrome.waitFor(Duration.ofSeconds(10), d -> d.getCurrentUrl().contains("/family.html"));
        }
    }

    private static HttpServer tileStub() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/tiles/", exchange -> {
                TILES_SERVED.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "image/png");
                exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
                exchange.sendResponseHeaders(200, TILE.length);
                exchange.getResponseBody().write(TILE);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
