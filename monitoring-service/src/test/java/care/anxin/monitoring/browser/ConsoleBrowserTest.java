package care.anxin.monitoring.browser;

import static care.anxin.monitoring.browser.ConsoleFixtures.ELDER_NAME;
import static care.anxin.monitoring.browser.ConsoleFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.monitoring.MonitoringApplication;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The console in a real browser (Debian's headless Chromium) against a running monitoring service on
 * the embedded PostgreSQL: care staff see an SOS appear live and acknowledge it, a family doctor
 * sees the trend charts drawn with data, the language switches to English, an admin registers a
 * device and sees its secret once. Screenshots land in java.io.tmpdir (anxin-console-*.png).
 */
@SpringBootTest(classes = MonitoringApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"anxin.monitoring.stream.heartbeat=2s", "logging.level.care.anxin=INFO"})
class ConsoleBrowserTest extends ConsoleBrowserSupport {

    private static By card(long alertId) {
        return By.cssSelector("article.incident[data-alert-id='" + alertId + "']");
    }

    /** A first visit looks broken with red console lines: not being logged in is no error (GET /api/v1/session). */
    @Test
    void loginPageAndBoardLogNoErrorsInTheBrowserConsole() {
        try (HeadlessChrome chrome = browser()) {
            chrome.open("/");
            chrome.waitFor(d -> d.getCurrentUrl().contains("/login.html"));
            chrome.waitFor(d -> !d.findElement(By.id("login-submit")).getText().isBlank());
            chrome.waitFor(d -> !String.valueOf(chrome.js("return document.getElementById('csrf-field').value")).isBlank());
            assertThat(chrome.severeConsoleEntries()).as("login page console").isEmpty();

            chrome.login("bt-staff", PASSWORD);
            chrome.waitFor(d -> d.getCurrentUrl().endsWith("#/board"));
            chrome.waitFor(d -> "live".equals(d.findElement(By.id("live-indicator")).getAttribute("data-state")));
            chrome.waitFor(d -> !d.findElements(By.cssSelector("#main[data-page='board']")).isEmpty());
            chrome.waitFor(d -> !d.findElement(By.id("main")).getText().isBlank());
            assertThat(chrome.severeConsoleEntries()).as("board console").isEmpty();
        }
    }

    @Test
    void careStaffSeeAnSosAppearLiveAndAcknowledgeIt() {
        try (HeadlessChrome chrome = browser()) {
            chrome.login("bt-staff", PASSWORD);
            chrome.waitFor(d -> d.getCurrentUrl().endsWith("#/board"));
            chrome.waitFor(d -> "live".equals(d.findElement(By.id("live-indicator")).getAttribute("data-state")));
            assertThat(chrome.driver.findElement(By.id("user-box")).getText()).contains("王护士", "阳光社区照料中心");
            chrome.js("window.__sameDocument = 'still here'");

            long sos = fixtures.openSos(jdbc);

            WebElement card = chrome.waitFor(Duration.ofSeconds(10), d -> d.findElement(card(sos)));
            assertThat(card.getAttribute("data-kind")).isEqualTo("SOS");
            assertThat(card.getAttribute("data-status")).isEqualTo("OPEN");
            assertThat(card.getAttribute("class")).contains("incident-urgent", "pulse");
            assertThat(card.getText()).contains(ELDER_NAME, "SOS", "刘建国", "13900139000", "高血压", "心率");
            assertThat(chrome.js("return window.__sameDocument")).as("no reload").isEqualTo("still here");
            assertThat(chrome.js("return window.anxin.alarm.state().active")).isEqualTo(true);
            String openFor = card.findElement(By.cssSelector("[data-since]")).getText();
            chrome.waitFor(d -> !d.findElement(card(sos)).findElement(By.cssSelector("[data-since]")).getText().equals(openFor));
            chrome.screenshot("board-sos");

            card.findElement(By.cssSelector("button[data-action='acknowledge']")).click();

            chrome.waitFor(d -> "ACKNOWLEDGED".equals(d.findElement(card(sos)).getAttribute("data-status")));
            assertThat(chrome.driver.findElement(card(sos)).getText()).contains("处理中");
            assertThat(chrome.js("return window.anxin.alarm.state().active")).isEqualTo(false);
            Map<String, Object> row = jdbc.queryForMap("SELECT status, acknowledged_by FROM alert WHERE id = ?", sos);
            assertThat(row).containsEntry("status", "ACKNOWLEDGED").containsEntry("acknowledged_by", fixtures.staffId());
            chrome.screenshot("board-acknowledged");

            // Resolve with an outcome in the incident dialog: the card leaves the board.
            chrome.driver.findElement(card(sos)).findElement(By.cssSelector("button[data-action='resolve']")).click();
            WebElement outcome = chrome.waitFor(d -> d.findElement(By.cssSelector("#dialog select[name='outcome']")));
            new Select(outcome).selectByValue("FALSE_ALARM");
            chrome.screenshot("incident-dialog");
            chrome.driver.findElement(By.cssSelector("#dialog button[data-action='resolve']")).click();
            chrome.waitFor(d -> d.findElements(card(sos)).isEmpty());
            assertThat(jdbc.queryForObject("SELECT outcome FROM alert WHERE id = ?", String.class, sos)).isEqualTo("FALSE_ALARM");

            chrome.open("/#/performance");
            chrome.waitFor(d -> d.findElement(By.id("kpi-within60")).getAttribute("data-ok") != null);
            chrome.screenshot("performance");
        }
    }

    @Test
    void familyDoctorGoesFromTheWorklistToTheRecordAndDownloadsTheReport() {
        long warning = jdbc.queryForObject("""
                INSERT INTO alert (elder_id, organization_id, kind, severity, status, title, first_event_at, last_event_at)
                VALUES (?, ?, 'EARLY_WARNING', 'HIGH', 'OPEN', '早期预警评分升高', now() - interval '5 minutes',
                        now() - interval '5 minutes') RETURNING id""", Long.class, fixtures.elderId(), fixtures.centerId());
        try (HeadlessChrome chrome = browser()) {
            chrome.login("bt-doctor", PASSWORD);
            chrome.waitFor(d -> d.getCurrentUrl().endsWith("#/worklist"));
            WebElement item = chrome.waitFor(d -> d.findElement(By.cssSelector("#worklist li[data-type='INCIDENT']")));
            assertThat(item.getText()).contains(ELDER_NAME, "早期预警评分升高");
            chrome.screenshot("worklist");
            item.findElement(By.cssSelector("a.worklist-elder")).click();

            chrome.waitFor(d -> d.getCurrentUrl().contains("#/elders/" + fixtures.elderId()));
            chrome.waitFor(d -> d.findElement(By.id("record-edit"))).click();
            WebElement form = chrome.waitFor(d -> d.findElement(By.id("record-form")));
            new Select(form.findElement(By.name("bloodType"))).selectByValue("B");
            chrome.driver.findElement(By.id("add-condition")).click();
            WebElement code = chrome.waitFor(d -> d.findElement(By.name("conditions[0].icd10")));
            // Empty name: the browser's own check names the field before anything is sent.
            chrome.driver.findElement(By.id("record-save")).click();
            chrome.waitFor(d -> "true".equals(code.getAttribute("aria-invalid")));
            code.sendKeys("I10");
            chrome.js("arguments[0].dispatchEvent(new Event('change'))", code);
            assertThat(chrome.driver.findElement(By.name("conditions[0].name")).getAttribute("value"))
                    .as("picked from the catalogue").isEqualTo("原发性高血压");
            assertThat(chrome.driver.findElement(By.name("conditions[0].followUpDays")).getAttribute("value")).isEqualTo("90");
            chrome.driver.findElement(By.id("add-medication")).click();
            chrome.waitFor(d -> d.findElement(By.name("medications[0].name"))).sendKeys("氨氯地平片");
            chrome.driver.findElement(By.id("record-save")).click();
            chrome.waitFor(d -> d.findElement(By.id("record-conditions")).getText().contains("原发性高血压"));
            assertThat(chrome.driver.findElement(By.id("health-record")).getText()).contains("氨氯地平片", "李医生");
            assertThat(jdbc.queryForObject("SELECT blood_type FROM health_record WHERE elder_id = ?", String.class,
                    fixtures.elderId())).isEqualTo("B");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'HEALTH_RECORD_UPDATE'",
                    Long.class)).isEqualTo(1);
            chrome.screenshot("health-record");

            String href = chrome.driver.findElement(By.id("report-link")).getAttribute("href");
            assertThat(href).contains("/api/v1/elders/" + fixtures.elderId() + "/report.pdf?month=");
            @SuppressWarnings("unchecked")
            Map<String, Object> download = (Map<String, Object>) ((org.openqa.selenium.JavascriptExecutor) chrome.driver)
                    .executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch(arguments[0], { credentials: 'same-origin' }).then(async (r) => done({ status: r.status,
                      type: r.headers.get('content-type'), size: (await r.arrayBuffer()).byteLength }));""", href);
            if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"))) {
                assertThat(download).containsEntry("status", 200L).containsEntry("type", "application/pdf");
                assertThat((Long) download.get("size")).isGreaterThan(5_000L);
            } else {
                // Without Debian fonts-noto-cjk the service says why instead of printing boxes.
                assertThat(download).containsEntry("status", 503L);
            }
        } finally {
            jdbc.update("UPDATE alert SET status = 'RESOLVED', resolved_at = now() WHERE id = ?", warning);
        }
    }

    @Test
    void aSecondPressAfterAcknowledgementAlarmsAgainAndAWrongDeviceClockIsShown() {
        try (HeadlessChrome chrome = browser()) {
            chrome.login("bt-staff", PASSWORD);
            chrome.waitFor(d -> "live".equals(d.findElement(By.id("live-indicator")).getAttribute("data-state")));
            long sos = fixtures.openSos(jdbc);
            // The card is on the board first: a change to an incident already shown must reach its card
            // (the card once compared a list of fields that left the clock mark out).
            chrome.waitFor(d -> d.findElement(card(sos)).isDisplayed());
            // as the alert service marks an SOS whose handset clock was implausible (issue 9)
            jdbc.update("UPDATE alert SET device_clock_wrong = TRUE, updated_at = now() WHERE id = ?", sos);
            chrome.waitFor(Duration.ofSeconds(10), d -> !d.findElement(card(sos)).findElements(By.cssSelector("[data-role='clock-wrong']")).isEmpty());
            assertThat(chrome.driver.findElement(card(sos)).getText()).contains("设备时钟错误");

            chrome.driver.findElement(card(sos)).findElement(By.cssSelector("button[data-action='acknowledge']")).click();
            chrome.waitFor(d -> "ACKNOWLEDGED".equals(d.findElement(card(sos)).getAttribute("data-status")));
            assertThat(chrome.js("return window.anxin.alarm.state().active")).isEqualTo(false);

            // the elder presses again: the alert service puts the incident back to OPEN
            jdbc.update("""
                    UPDATE alert SET status = 'OPEN', acknowledged_at = NULL, acknowledged_by = NULL, event_count = event_count + 1,
                           escalation_round = escalation_round + 1, updated_at = now() WHERE id = ?""", sos);
            jdbc.update("INSERT INTO alert_action (alert_id, actor, action, detail) VALUES (?, 'system', 'PRESSED_AGAIN_AFTER_ACK', '{}'::jsonb)", sos);
            chrome.waitFor(Duration.ofSeconds(10), d -> "OPEN".equals(d.findElement(card(sos)).getAttribute("data-status")));
            assertThat(chrome.js("return window.anxin.alarm.state().active")).as("the alarm sounds again").isEqualTo(true);
            chrome.driver.findElement(card(sos)).findElement(By.cssSelector("button[data-action='timeline']")).click();
            chrome.waitFor(d -> d.findElement(By.id("dialog")).getText().contains("确认后再次按下呼叫键"));
            chrome.screenshot("board-pressed-again");
            jdbc.update("UPDATE alert SET status = 'RESOLVED', resolved_at = now(), outcome = 'FALSE_ALARM', updated_at = now() WHERE id = ?", sos);
        }
    }

    @Test
    void aFamilyDoctorOnTheBoardMayNoteAnSosButSeesNoButtonToAcknowledgeOrResolveIt() {
        try (HeadlessChrome chrome = browser()) {
            chrome.login("bt-doctor", PASSWORD);
            chrome.waitFor(d -> d.getCurrentUrl().endsWith("#/worklist"));
            chrome.open("/#/board");
            chrome.waitFor(d -> "live".equals(d.findElement(By.id("live-indicator")).getAttribute("data-state")));
            long sos = fixtures.openSos(jdbc);
            WebElement card = chrome.waitFor(Duration.ofSeconds(10), d -> d.findElement(card(sos)));
            assertThat(card.findElements(By.cssSelector("button[data-action='note']"))).hasSize(1);
            assertThat(card.findElements(By.cssSelector("button[data-action='acknowledge'], button[data-action='resolve']")))
                    .as("care roles only").isEmpty();
            card.findElement(By.cssSelector("button[data-action='note']")).click();
            chrome.waitFor(d -> d.findElement(By.cssSelector("#dialog [data-section='note']")));
            assertThat(chrome.driver.findElements(By.cssSelector("#dialog [data-section='acknowledge'], #dialog [data-section='resolve']")))
                    .isEmpty();
            chrome.screenshot("board-doctor");
            jdbc.update("UPDATE alert SET status = 'RESOLVED', resolved_at = now() WHERE id = ?", sos);
        }
    }

    @Test
    void familyDoctorSeesTheTrendChartsDrawnWithData() {
        try (HeadlessChrome chrome = browser()) {
            chrome.login("bt-doctor", PASSWORD);
            chrome.waitFor(d -> d.getCurrentUrl().endsWith("#/worklist"));
            chrome.driver.findElement(By.cssSelector("#nav a[data-route='elders']")).click();
            WebElement link = chrome.waitFor(d -> d.findElement(By.cssSelector("#elder-table a.row-link")));
            assertThat(link.getText()).isEqualTo(ELDER_NAME);
            chrome.screenshot("elders");
            link.click();

            chrome.waitFor(d -> d.getCurrentUrl().contains("#/elders/" + fixtures.elderId()));
            for (String chart : List.of("HR", "SPO2", "BP", "TEMP", "STEPS")) {
                chrome.waitFor(d -> pointsIn(chrome, chart) > 0);
            }
            assertThat(pointsIn(chrome, "HR")).as("7 days of hourly avg, min and max").isGreaterThan(100);
            @SuppressWarnings("unchecked")
            List<Object> hrLines = (List<Object>) chrome.js("""
                    return echarts.getInstanceByDom(document.getElementById('chart-HR')).getOption().series
                      .flatMap(s => (s.markLine && s.markLine.data) || [])
                      .map(d => d.yAxis != null ? 'y' + Number(d.yAxis) : 'x');""");
            assertThat(hrLines).as("thresholds and the past incident").contains("y110", "y130", "y50", "y40", "x");
            assertThat(chrome.driver.findElement(By.id("trends-csv")).getAttribute("href"))
                    .contains("/api/v1/elders/" + fixtures.elderId() + "/trends.csv", "range=7d");
            assertThat(chrome.driver.findElement(By.id("elder-detail")).getText()).contains(ELDER_NAME, "刘建国", "WB-BT-0001");
            chrome.screenshot("trends-7d");

            chrome.driver.findElement(By.cssSelector("button[data-range='24h']")).click();
            chrome.waitFor(d -> !d.findElements(By.cssSelector("#chart-grid[data-range='24h']")).isEmpty()
                    && pointsIn(chrome, "HR") > 0);
            chrome.screenshot("trends-24h");
        }
    }

    private static long pointsIn(HeadlessChrome chrome, String chart) {
        Object n = chrome.js("""
                const el = document.getElementById('chart-' + arguments[0]);
                const chart = el && window.echarts && echarts.getInstanceByDom(el);
                if (!chart) return 0;
                return chart.getOption().series.reduce((n, s) => n + (s.data ? s.data.length : 0), 0);""", chart);
        return ((Number) n).longValue();
    }

    @Test
    void theLanguageSwitchesToEnglishAndStays() {
        try (HeadlessChrome chrome = browser()) {
            chrome.login("bt-staff", PASSWORD);
            chrome.waitFor(d -> d.getCurrentUrl().endsWith("#/board"));
            assertThat(chrome.js("return document.documentElement.lang")).isEqualTo("zh-CN");
            assertThat(chrome.driver.findElement(By.cssSelector("#nav a[data-route='board']")).getText()).startsWith("告警看板");

            chrome.driver.findElement(By.id("lang-toggle")).click();

            chrome.waitFor(d -> "en".equals(chrome.js("return document.documentElement.lang")));
            chrome.waitFor(d -> d.findElement(By.cssSelector("#nav a[data-route='board']")).getText().startsWith("Alert board"));
            assertThat(chrome.driver.findElement(By.cssSelector("main h1")).getText()).isEqualTo("Live alert board");
            assertThat(chrome.driver.findElement(By.id("logout")).getText()).isEqualTo("Log out");
            chrome.screenshot("board-en");

            chrome.driver.navigate().refresh();
            chrome.waitFor(d -> d.findElement(By.cssSelector("#nav a[data-route='elders']")).getText().equals("Elders"));
            assertThat(chrome.js("return document.documentElement.lang")).isEqualTo("en");
        }
    }

    @Test
    void adminRegistersADeviceAndSeesItsSecretOnce() {
        try (HeadlessChrome chrome = browser()) {
            chrome.login("bt-admin", PASSWORD);
            chrome.open("/#/admin/devices");
            WebElement form = chrome.waitFor(d -> d.findElement(By.id("device-form")));
            chrome.waitFor(d -> d.findElements(By.cssSelector("#device-table tr[data-device-id='WB-BT-0001']")).size() == 1);

            // Client-side validation in the console's language.
            form.findElement(By.cssSelector("button[type='submit']")).click();
            assertThat(form.findElement(By.cssSelector(".field-error:not([hidden])")).getText()).isEqualTo("此项为必填。");

            // A duplicate id is refused by the server (problem+json) and shown on the form.
            form.findElement(By.name("id")).sendKeys("WB-BT-0001");
            new Select(form.findElement(By.name("organizationId"))).selectByValue(Long.toString(fixtures.centerId()));
            form.findElement(By.cssSelector("button[type='submit']")).click();
            chrome.waitFor(d -> form.findElement(By.cssSelector(".form-error")).isDisplayed());

            form.findElement(By.name("id")).clear();
            form.findElement(By.name("id")).sendKeys("HS-BT-0002");
            new Select(form.findElement(By.name("kind"))).selectByValue("HANDSET");
            form.findElement(By.cssSelector("button[type='submit']")).click();

            WebElement secret = chrome.waitFor(d -> d.findElement(By.id("secret-value")));
            assertThat(secret.getText()).hasSizeGreaterThanOrEqualTo(16);
            String hash = jdbc.queryForObject("SELECT secret_hash FROM device WHERE id = 'HS-BT-0002'", String.class);
            assertThat(hash).startsWith("$hs256$").doesNotContain(secret.getText());
            chrome.screenshot("admin-device-secret");
            chrome.driver.findElement(By.cssSelector("#dialog .btn-primary")).click();
            chrome.waitFor(d -> d.findElements(By.cssSelector("#device-table tr[data-device-id='HS-BT-0002']")).size() == 1);

            // Disable (confirmed), and the row then offers to enable it again.
            chrome.driver.findElement(By.cssSelector(
                    "#device-table tr[data-device-id='HS-BT-0002'] button[data-action='disable']")).click();
            chrome.driver.switchTo().alert().accept();
            chrome.waitFor(d -> d.findElements(By.cssSelector(
                    "#device-table tr[data-device-id='HS-BT-0002'] button[data-action='enable']")).size() == 1);
            assertThat(jdbc.queryForObject("SELECT enabled FROM device WHERE id = 'HS-BT-0002'", Boolean.class)).isFalse();

            chrome.open("/#/admin/elders");
            chrome.waitFor(d -> d.findElement(By.cssSelector("#admin-elders table")));
            chrome.screenshot("admin-elders");
        }
    }

    /** A watch has no secret to show; binding finds the elder by typing, as a city's elders fit no drop-down. */
    @Test
    void adminRegistersAWatchWithoutASecretAndBindsItByTypingTheEldersName() {
        try (HeadlessChrome chrome = browser()) {
            chrome.login("bt-admin", PASSWORD);
            chrome.open("/#/admin/devices");
            WebElement form = chrome.waitFor(d -> d.findElement(By.id("device-form")));
            form.findElement(By.name("id")).sendKeys("864994000012345");
            new Select(form.findElement(By.name("kind"))).selectByValue("WATCH");
            new Select(form.findElement(By.name("organizationId"))).selectByValue(Long.toString(fixtures.centerId()));
            form.findElement(By.cssSelector("button[type='submit']")).click();

            WebElement notice = chrome.waitFor(d -> d.findElement(By.id("watch-registered")));
            assertThat(notice.getText()).contains("864994000012345").contains("5093");
            assertThat(chrome.driver.findElements(By.id("secret-value"))).as("no secret shown for a watch").isEmpty();
            assertThat(jdbc.queryForObject("SELECT protocol FROM device WHERE id = '864994000012345'", String.class))
                    .isEqualTo("WATCH");
            chrome.driver.findElement(By.cssSelector("#dialog .btn-primary")).click();

            By row = By.cssSelector("#device-table tr[data-device-id='864994000012345']");
            chrome.waitFor(d -> d.findElements(row).size() == 1);
            assertThat(chrome.driver.findElement(row).findElements(By.tagName("button")).stream()
                    .map(WebElement::getText)).as("no rotate-secret button").doesNotContain("更换密钥");
            chrome.driver.findElement(row).findElement(By.cssSelector("button[data-action='bind']")).click();
            chrome.waitFor(d -> d.findElement(By.id("bind-elder-search"))).sendKeys(ELDER_NAME);
            chrome.waitFor(Duration.ofSeconds(10), d -> d.findElement(By.cssSelector("#bind-elder-results button.pick"))).click();
            chrome.driver.findElement(By.cssSelector("#bind-form button[type='submit']")).click();
            chrome.waitFor(Duration.ofSeconds(10), d -> d.findElement(row).getText().contains(ELDER_NAME));
            assertThat(jdbc.queryForObject("SELECT elder_id FROM device WHERE id = '864994000012345'", Long.class))
                    .isEqualTo(fixtures.elderId());
            chrome.screenshot("admin-watch-bound");
        }
    }
}
