package care.anxin.monitoring.browser;

import static care.anxin.monitoring.browser.ConsoleFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import care.anxin.monitoring.MonitoringApplication;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The console under its Content-Security-Policy in headless Chromium: every page loads with the
 * security headers and without a single CSP violation in the browser log; an admin resets a
 * password in the console and the user is made to change it before anything else.
 */
@SpringBootTest(classes = MonitoringApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.care.anxin=INFO", "anxin.monitoring.admin-password=browser-admin-pw"})
class SecurityBrowserTest extends ConsoleBrowserSupport {

    @Test
    void everyConsolePageCarriesTheHeadersAndViolatesNoContentSecurityPolicy() {
        List<String> pages = new ArrayList<>(List.of("/#/board", "/#/performance", "/#/elders",
                "/#/elders/" + fixtures.elderId(), "/#/account"));
        for (String tab : List.of("elders", "devices", "users", "organizations", "partners", "policies", "audit", "storage")) {
            pages.add("/#/admin/" + tab);
        }
        try (HeadlessChrome chrome = browser()) {
            chrome.open("/login.html");
            chrome.waitFor(d -> !d.findElement(By.id("lang-toggle")).getText().isBlank());
            assertNoViolations(chrome, "/login.html");
            chrome.login("bt-admin", PASSWORD);
            for (String page : pages) {
                chrome.open(page);
                chrome.waitFor(d -> d.findElement(By.cssSelector("#main")).getAttribute("data-page") != null
                        && !d.findElements(By.cssSelector("#main h1, #main .panel, #main table")).isEmpty());
                chrome.waitFor(d -> d.findElements(By.cssSelector("#main .loading")).isEmpty());
                assertNoViolations(chrome, page);
                String csp = (String) chrome.driver.executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        fetch(location.pathname).then(r => done(r.headers.get('content-security-policy')
                          + '|' + r.headers.get('x-content-type-options') + '|' + r.headers.get('referrer-policy')));""");
                assertThat(csp).as(page).contains("script-src 'self';", "frame-ancestors 'none'", "|nosniff|same-origin");
            }
            // An inline script is really blocked (the policy is enforced, not just sent).
            chrome.js("const s = document.createElement('script'); s.textContent = 'window.__inline = 1';"
                    + " document.body.append(s);");
            assertThat(chrome.js("return window.__inline === 1")).isEqualTo(false);
            assertThat(chrome.consoleMessages()).anyMatch(m -> m.contains("Content Security Policy"));
        }
    }

    private static void assertNoViolations(HeadlessChrome chrome, String page) {
        assertThat(chrome.consoleMessages()).as("browser console on %s", page)
                .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"));
    }

    @Test
    void anAdminResetsAPasswordAndTheUserMustChangeItFirst() {
        String temporary;
        try (HeadlessChrome chrome = browser()) {
            chrome.login("bt-admin", PASSWORD);
            chrome.open("/#/admin/users");
            WebElement row = chrome.waitFor(d -> d.findElement(
                    By.cssSelector("#user-table [data-user-id='" + fixtures.staffId() + "']")));
            row.findElements(By.tagName("button")).stream()
                    .filter(b -> b.getText().contains("重置密码")).findFirst().orElseThrow().click();
            chrome.driver.switchTo().alert().accept();
            temporary = chrome.waitFor(d -> d.findElement(By.id("secret-value"))).getText();
            assertThat(temporary).matches("[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}");
            assertNoViolations(chrome, "reset dialog");
        }
        try (HeadlessChrome chrome = browser()) {
            chrome.login("bt-staff", temporary);
            chrome.waitFor(d -> d.getCurrentUrl().endsWith("#/account"));
            chrome.waitFor(d -> d.findElement(By.id("must-change")).isDisplayed());
            chrome.open("/#/board");
            chrome.waitFor(d -> d.getCurrentUrl().endsWith("#/account"));
            WebElement form = chrome.waitFor(d -> d.findElement(By.id("password-form")));
            form.findElement(By.name("currentPassword")).sendKeys(temporary);
            form.findElement(By.name("newPassword")).sendKeys("staff-own-pass-42");
            form.findElement(By.name("confirmPassword")).sendKeys("staff-own-pass-42");
            chrome.driver.findElement(By.id("password-submit")).click();
            chrome.waitFor(d -> d.getCurrentUrl().endsWith("#/board"));
            assertThat(jdbc.queryForObject("SELECT must_change_password FROM app_user WHERE id = ?", Boolean.class,
                    fixtures.staffId())).isFalse();
            assertNoViolations(chrome, "password change");
        }
    }
}
