package dev.stallkeeper.it.browser;

import static dev.stallkeeper.it.support.Console.adminPassword;
import static dev.stallkeeper.it.support.Console.adminUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stallkeeper.it.clock.TestClock;
import dev.stallkeeper.it.support.Console;
import dev.stallkeeper.it.support.Deployments;
import dev.stallkeeper.it.support.KooGallery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * What a newcomer sees first, in a real browser (headless Chromium): every console page shows its rows or one sentence
 * saying what would appear there; the header's groups fit one line at 1280 px in English and Chinese and open with
 * mouse and keyboard; at phone width (390 px) a menu button opens them. Screenshots of every page in both languages
 * at both widths: target/screenshots/console/{page}-{en|zh}-{1280|390}.png, and of the header with each group open
 * (header-{group}-open-{en|zh}-1280.png) and of the phone menu open (menu-finance-open-{en|zh}-390.png).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleLayoutBrowserIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final Path SHOTS = Browser.SCREENSHOTS.resolve("console");
    private static final List<String> GROUPS = List.of("operations", "service", "finance", "administration");
    /** One line of header: brand, groups, language, user and logout side by side; two lines are over 70 px. */
    private static final double ONE_LINE = 60;

    @RegisterExtension
    static final Browser browser = new Browser();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.stallkeeper();
    }

    private record Page(String name, String path) {
    }

    /** The console's pages that need no record to show; on a fresh database most of their lists are empty. */
    private static final List<Page> PAGES = List.of(
            new Page("dashboard", "/admin/index.xhtml"),
            new Page("instances", "/admin/instances.xhtml"),
            new Page("instances-no-match", "/admin/instances.xhtml?q=no-such-" + RUN),
            new Page("products", "/admin/products.xhtml"),
            new Page("tenants", "/admin/tenants.xhtml"),
            new Page("messages", "/admin/messages.xhtml"),
            new Page("supervisions", "/admin/supervisions.xhtml"),
            new Page("settlement", "/admin/settlement.xhtml"),
            new Page("settlement-period", "/admin/settlement-period.xhtml?period=" + TestClock.period(0)),
            new Page("invoices", "/admin/invoices.xhtml"),
            new Page("users", "/admin/users.xhtml"),
            new Page("settings", "/admin/settings.xhtml"),
            new Page("outbox", "/admin/outbox.xhtml"),
            new Page("golive", "/admin/golive.xhtml"));

    /**
     * For every table and list in the page's main part: the ones with no row (an h:dataTable's empty row counts as
     * none) that have no empty-state sentence beside them; every empty-state sentence that is hidden, too short to
     * say anything, or a missing message key; and any missing key in the page.
     */
    private static final String PROBLEMS = """
            const problems = [];
            const main = document.querySelector('main');
            const shown = e => e.getClientRects().length > 0;
            const sentenceBeside = e => [...e.parentElement.children].some(c => c !== e && c.matches('.empty') && shown(c));
            const filled = cell => cell.textContent.trim() !== '' || cell.children.length > 0;
            for (const table of main.querySelectorAll('table')) {
              const rows = [...table.rows].filter(r => r.parentElement.tagName !== 'THEAD' && [...r.cells].some(c => c.tagName === 'TD' && filled(c)));
              if (rows.length === 0 && !sentenceBeside(table)) {
                problems.push('table ' + (table.id || table.className) + ' has no row and no empty-state sentence');
              }
            }
            for (const list of main.querySelectorAll('ul, ol')) {
              if (list.querySelectorAll('li').length === 0 && !sentenceBeside(list)) {
                problems.push('list ' + list.id + ' has no item and no empty-state sentence');
              }
            }
            for (const empty of main.querySelectorAll('.empty')) {
              const text = empty.innerText.trim();
              if (!shown(empty) || text.length < 8) problems.push('empty state ' + empty.id + ' says too little: ' + text);
            }
            if (document.body.innerText.includes('???')) problems.push('a message key is missing');
            if (main.querySelector('h1').innerText.trim() === '') problems.push('no heading');
            return problems;
            """;

    @Test
    void everyPageShowsItsRowsOrASentenceSayingWhatWouldAppearThere() {
        browser.login(adminUser(), adminPassword());
        List<Page> pages = new ArrayList<>(PAGES);
        pages.addAll(recordPages());
        for (String language : List.of("en", "zh")) {
            for (int width : List.of(1280, 390)) {
                desktop();
                useLanguage(language);
                if (width == 390) {
                    phone();
                }
                for (Page page : pages) {
                    browser.open(page.path());
                    browser.waitUntilLoaded();
                    assertThat((List<?>) browser.driver().executeScript(PROBLEMS))
                            .as(page.path() + " in " + language + " at " + width).isEmpty();
                    browser.fullPageScreenshot(SHOTS.resolve(page.name() + "-" + language + "-" + width + ".png"));
                }
            }
        }

        desktop();
        useLanguage("en");
        browser.open("/admin/instances.xhtml?q=no-such-" + RUN);
        assertThat(browser.text("no-instances")).isEqualTo("No instance matches this search. Clear a field or widen the dates to see more.");
        assertThat(browser.driver().findElements(By.id("list"))).as("no empty table beside the sentence").isEmpty();
        browser.open(pages.get(pages.size() - 1).path()); // the paper invoice just recorded: no e-mail
        assertThat(browser.text("no-emails")).startsWith("No e-mail for this invoice.");
        assertThat(browser.driver().findElements(By.id("emails"))).isEmpty();
        useLanguage("zh");
        assertThat(browser.text("no-emails")).startsWith("这张发票没有邮件。");

        browser.driver().manage().deleteAllCookies();
        for (String language : List.of("en", "zh")) {
            for (int width : List.of(1280, 390)) {
                browser.viewport(width, width == 390 ? 844 : 900, width == 390);
                browser.open("/admin/login.xhtml");
                if (!language.equals(browser.find(By.tagName("html")).getAttribute("lang").substring(0, 2))) {
                    browser.clickAndWait("language:" + language);
                }
                browser.fullPageScreenshot(SHOTS.resolve("login-" + language + "-" + width + ".png"));
            }
        }
    }

    @Test
    void theHeaderIsOneLineAt1280PixelsInBothLanguagesAndItsGroupsOpenByMouseAndKeyboard() {
        browser.login(adminUser(), adminPassword());
        desktop();
        for (String language : List.of("en", "zh")) {
            useLanguage(language);
            assertOneLine("admin, " + language, GROUPS);
            for (String group : GROUPS) {
                browser.find(By.cssSelector("#group-" + group + " > summary")).click();
                browser.waitUntil(d -> browser.byId("group-" + group).getAttribute("open") != null);
                List<WebElement> links = browser.byId("group-" + group).findElements(By.cssSelector(".links a"));
                assertThat(links).as(group).isNotEmpty().allSatisfy(link -> {
                    assertThat(link.isDisplayed()).as(link.getAttribute("id")).isTrue();
                    assertThat(link.getRect().getX() + link.getRect().getWidth()).as("on screen").isLessThanOrEqualTo(1280);
                });
                assertThat(GROUPS.stream().filter(g -> browser.byId("group-" + g).getAttribute("open") != null))
                        .as("one group open at a time").containsExactly(group);
                browser.fullPageScreenshot(SHOTS.resolve("header-" + group + "-open-" + language + "-1280.png"));
            }
        }
        browser.driver().navigate().refresh();
        browser.waitUntilLoaded();

        // keyboard: Enter on a group opens it, Tab reaches its first link, Enter follows it
        browser.find(By.cssSelector("#group-finance > summary")).sendKeys(Keys.ENTER);
        browser.waitUntil(d -> browser.byId("group-finance").getAttribute("open") != null);
        new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("nav-settlement");
        new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
        browser.waitForPath("/admin/settlement.xhtml");
        assertThat(browser.byId("nav-settlement").getAttribute("aria-current")).isEqualTo("page");
        assertThat(browser.driver().findElements(By.cssSelector("header [aria-current=page]"))).hasSize(1);

        String operator = "layout-op-" + RUN;
        Console.ensureUser(operator, "layout-op-pass-" + RUN, "operator");
        browser.driver().manage().deleteAllCookies();
        browser.login(operator, "layout-op-pass-" + RUN);
        assertThat(browser.driver().findElements(By.cssSelector("header details")))
                .extracting(d -> d.getAttribute("id")).containsExactly("group-operations", "group-service", "group-administration");
        assertThat(browser.driver().findElements(By.cssSelector("#group-administration .links a")))
                .as("an operator's administration: the API description only").extracting(a -> a.getAttribute("id"))
                .containsExactly("nav-api");
        for (String language : List.of("en", "zh")) {
            useLanguage(language);
            assertOneLine("operator, " + language, List.of("operations", "service", "administration"));
        }
    }

    @Test
    void atPhoneWidthAMenuButtonOpensTheGroupsAndALinkInThemNavigates() {
        browser.login(adminUser(), adminPassword());
        for (String language : List.of("en", "zh")) {
            desktop();
            useLanguage(language);
            phone();
            browser.open("/admin/index.xhtml");
            browser.waitUntilLoaded();
            WebElement button = browser.find(By.cssSelector("header .menu-button"));
            assertThat(button.isDisplayed()).isTrue();
            assertThat(browser.byId("group-operations").isDisplayed()).as("the groups are folded away").isFalse();
            assertThat((Long) browser.driver().executeScript("return document.documentElement.scrollWidth"))
                    .as("no sideways scrolling: the page is laid out for the phone's width").isEqualTo(390L);
            assertThat(browser.find(By.tagName("header")).getRect().getHeight()).as("header height").isLessThan(70);

            button.click();
            browser.waitUntil(d -> browser.menuOpen());
            for (String group : GROUPS) {
                WebElement summary = browser.find(By.cssSelector("#group-" + group + " > summary"));
                assertThat(summary.isDisplayed()).as(group).isTrue();
                assertThat(summary.getRect().getX() + summary.getRect().getWidth()).as(group + " fits").isLessThanOrEqualTo(390);
            }
            assertThat(browser.byId("logout:submit").isDisplayed()).as("logout is in the menu").isTrue();
            browser.find(By.cssSelector("#group-finance > summary")).click();
            WebElement invoices = browser.byId("nav-invoices");
            browser.waitUntil(ExpectedConditions.visibilityOf(invoices));
            browser.fullPageScreenshot(SHOTS.resolve("menu-finance-open-" + language + "-390.png"));
            browser.clickAndWait(invoices);
            browser.waitForPath("/admin/invoices.xhtml");
            assertThat(browser.byId("nav-invoices").getAttribute("aria-current")).isEqualTo("page");
            assertThat(browser.menuOpen()).as("a new page starts with the menu closed").isFalse();

            // keyboard: the button opens the menu, Escape closes it
            browser.find(By.cssSelector("header .menu-button")).sendKeys(Keys.ENTER);
            browser.waitUntil(d -> browser.menuOpen());
            new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
            browser.waitUntil(d -> !browser.menuOpen());
        }
    }

    /** Records that the detail pages show (an instance, a supervision, a paper invoice): their pages, invoice last. */
    private static List<Page> recordPages() {
        String instance = KooGallery.activeInstance();
        browser.open("/admin/supervisions.xhtml");
        browser.type("open:orderId", "LAYOUT-" + RUN);
        browser.type("open:orderLineId", "L1");
        browser.clickAndWait("open:submit");
        browser.waitForPath("/admin/supervision.xhtml");
        String supervision = browser.driver().getCurrentUrl().replaceAll("^.*[?&]id=(\\d+).*$", "$1");
        browser.open("/admin/invoices.xhtml");
        Map.of("request:orderId", "LAYOUT-" + RUN, "request:title", "Layout Buyer Ltd.", "request:address", "1 Example Road",
                "request:amount", "12.00").forEach(browser::type);
        new Select(browser.byId("request:medium")).selectByValue("PAPER");
        browser.clickAndWait("request:submit");
        browser.waitForPath("/admin/invoice.xhtml");
        String invoice = browser.driver().getCurrentUrl().replaceAll("^.*[?&]id=(\\d+).*$", "$1");
        return List.of(new Page("instance", "/admin/instance.xhtml?id=" + instance),
                new Page("supervision", "/admin/supervision.xhtml?id=" + supervision),
                new Page("invoice", "/admin/invoice.xhtml?id=" + invoice));
    }

    /**
     * The header's items (brand, the groups shown, language, user, logout) share one line: their vertical centres
     * within 4 px of each other and the header under {@link #ONE_LINE} px high.
     */
    private static void assertOneLine(String who, List<String> groups) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) browser.driver().executeScript("""
                const items = [...document.querySelectorAll('header .brand, header summary, #language, #whoami, #logout')]
                    .filter(e => e.getClientRects().length > 0);
                const centres = items.map(e => { const r = e.getBoundingClientRect(); return (r.top + r.bottom) / 2; });
                return {count: items.length, spread: Math.max(...centres) - Math.min(...centres),
                        height: document.querySelector('header').getBoundingClientRect().height,
                        width: document.documentElement.scrollWidth};
                """);
        double height = ((Number) m.get("height")).doubleValue();
        System.out.printf("[layout] header at 1280 px (%s): %.1f px high, centres within %.1f px%n", who, height,
                ((Number) m.get("spread")).doubleValue());
        assertThat(((Number) m.get("count")).intValue()).as(who + ": items shown").isEqualTo(1 + groups.size() + 3);
        assertThat(((Number) m.get("spread")).doubleValue()).as(who + ": items on one line").isLessThanOrEqualTo(4);
        assertThat(height).as(who + ": header height").isLessThan(ONE_LINE);
        assertThat(((Number) m.get("width")).intValue()).as(who + ": no sideways scrolling").isLessThanOrEqualTo(1280);
    }

    private static void desktop() {
        browser.viewport(1280, 900, false);
    }

    private static void phone() {
        browser.viewport(390, 844, true);
    }

    /** Switches the console's language from the header (at desktop width, where the switch is in view). */
    private static void useLanguage(String language) {
        if (!language.equals(browser.find(By.tagName("html")).getAttribute("lang").substring(0, 2))) {
            browser.clickAndWait("language:" + language);
        }
        browser.waitUntil(d -> browser.find(By.tagName("html")).getAttribute("lang").startsWith(language));
    }
}
