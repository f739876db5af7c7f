package dev.stallkeeper.it.browser;

import static dev.stallkeeper.it.support.Console.adminPassword;
import static dev.stallkeeper.it.support.Console.adminUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stallkeeper.it.clock.TestClock;
import dev.stallkeeper.it.settlement.SettledPeriods;
import dev.stallkeeper.it.support.Db;
import dev.stallkeeper.it.support.Deployments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The settlement pages in a real browser (headless Chromium): a bad bill file refused with its line number and
 * nothing imported, a good one imported, a run of last month (on the test clock) started from the page and followed by
 * its live progress until it completes, then the period's statements, chart, worklist and CSV export (and the same
 * period in Chinese after the language switch). Product types SKBR_*
 * are this test's own; the period is forgotten afterwards. Screenshots: target/screenshots.
 */
@ExtendWith({ArquillianExtension.class, TestClock.class})
@RunAsClient
class SettlementBrowserIT {

    /** Last month on the test clock (yyyyMM), and the same as yyyy-MM for the bills' dates. */
    private static String period;
    private static String month;
    private static final String HEADER = "kind,order_id,order_line_id,amount,product_type,payment_state,supervision_state,"
            + "effective_at\n";

    @RegisterExtension
    static final Browser browser = new Browser();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.stallkeeper();
    }

    @BeforeAll
    static void lastMonth() {
        period = TestClock.period(1);
        month = period.substring(0, 4) + "-" + period.substring(4);
    }

    @AfterAll
    static void forgetThePeriod() {
        SettledPeriods.forget(Integer.parseInt(period), "SKBR-");
    }

    @Test
    void uploadsTheBillFileStartsARunWatchesItCompleteAndSeesTheStatements() throws IOException {
        browser.login(adminUser(), adminPassword());
        browser.nav("nav-settlement");
        browser.waitForPath("/admin/settlement.xhtml");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Settlement");
        assertThat(browser.byId("nav-settlement").getAttribute("aria-current")).isEqualTo("page");

        upload(HEADER
                + "NEW,SKBR-1,1,700.00,SKBR_SAAS,PAID,NOT_REQUIRED," + month + "-03T02:00:00Z\n"
                + "NEW,SKBR-2,1,400.00,SKBR_SAAS,PAID,NOT_REQUIRED," + month + "-04 09:00\n"
                + "NEW,SKBR-3,1,-5.00,SKBR_API,PAID,NOT_REQUIRED," + month + "-05T02:00:00Z\n");
        assertThat(browser.text("messages")).contains("Bill file refused, nothing imported: 1 problem(s).")
                .contains("Line 4: amount -5.00 does not suit kind NEW");
        assertThat(Db.count("SELECT COUNT(*) FROM bill WHERE order_id LIKE 'SKBR-%'")).as("nothing half-imported").isZero();
        browser.screenshot("upload-refused");

        upload(HEADER
                + "NEW,SKBR-1,1,700.00,SKBR_SAAS,PAID,NOT_REQUIRED," + month + "-03T02:00:00Z\n"
                + "NEW,SKBR-2,1,400.00,SKBR_SAAS,PAID,NOT_REQUIRED," + month + "-04 09:00\n"
                + "NEW,SKBR-3,1,100.00,SKBR_API,PAID,NOT_REQUIRED," + month + "-05T02:00:00Z\n"
                + "NEW,SKBR-4,1,20.00,SKBR_API,UNPAID,NOT_REQUIRED," + month + "-06T02:00:00Z\n");
        assertThat(browser.text("messages")).isEqualTo("Bill file imported: 4 new, 0 updated, 0 unchanged.");

        browser.type("start:period", period);
        browser.clickAndWait("start:submit");
        browser.waitForPath("/admin/settlement.xhtml");
        assertThat(browser.text("messages")).startsWith("Run of " + period + " started (job execution ");
        // the page polls the run's progress and reloads itself when the run's status changes
        browser.waitUntil(d -> !d.findElements(By.cssSelector("#run-" + period + "[data-status='COMPLETED']")).isEmpty());
        String row = browser.text("run-" + period);
        assertThat(row).contains("Completed");
        String done = browser.find(By.cssSelector("#run-" + period + " .done")).getText();
        assertThat(done).as("all bills read").isEqualTo(browser.find(By.cssSelector("#run-" + period + " .total")).getText());
        assertThat(browser.find(By.cssSelector("#run-" + period + " progress")).getAttribute("value"))
                .isEqualTo(browser.find(By.cssSelector("#run-" + period + " progress")).getAttribute("max"));
        browser.screenshot("runs");

        browser.clickAndWait(By.cssSelector("#run-" + period + " a"));
        browser.waitForPath("/admin/settlement-period.xhtml");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Settlement of " + period);
        assertThat(browser.text("run-status")).isEqualTo("Completed");
        assertThat(browser.text("statement-SKBR_SAAS")).contains("1100.00").contains("settled").contains("55.00")
                .contains("1045.00");
        assertThat(browser.text("statement-SKBR_API")).contains("100.00").contains("carried forward");
        assertThat(browser.driver().findElements(By.cssSelector("#bills-SKBR_SAAS tbody tr"))).hasSize(2);
        assertThat(browser.driver().findElements(By.cssSelector("#chart-threshold rect.bar-settled"))).isNotEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("#chart-threshold line.threshold"))).hasSize(1);
        assertThat(browser.text("reason-UNPAID")).startsWith("Unpaid");
        assertThat(browser.text("worklist")).contains("SKBR_API").contains("20.00");
        browser.screenshot("statements");

        String csv = fetch("document.getElementById('export-statements').href");
        assertThat(csv.lines()).contains(period + ",SKBR_SAAS,true,0.00,1100.00,1100.00,2,1000.00,5,1100.00,55.00,1045.00,0.00,0.00");
        // what the settlement page polls while a run is running, in the console's session
        String progress = fetch("'" + browser.driver().getCurrentUrl().replaceAll("/admin/.*", "")
                + "/admin/settlement/progress?period=" + period + "'");
        assertThat(progress).contains("\"status\":\"COMPLETED\"").contains("\"doneBills\":" + done)
                .contains("\"totalBills\":" + done);

        browser.clickAndWait("language:zh");
        browser.waitUntilLoaded();
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo(period + " 结算");
        assertThat(browser.text("statement-SKBR_SAAS")).contains("已结算");
        browser.screenshot("statements-zh");
    }

    /** GETs a URL (a JavaScript expression) from the page, with the page's session, and returns the body. */
    private static String fetch(String urlExpression) {
        return (String) ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch(" + urlExpression + ", {credentials: 'same-origin'})"
                        + ".then(function (r) { return r.text(); }).then(done, function (e) { done('failed: ' + e); });");
    }

    private static void upload(String content) throws IOException {
        Path file = Files.createTempFile("bills-", ".csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        try {
            browser.byId("upload:file").sendKeys(file.toAbsolutePath().toString());
            browser.clickAndWait("upload:submit");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
