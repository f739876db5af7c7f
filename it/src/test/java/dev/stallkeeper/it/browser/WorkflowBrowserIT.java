package dev.stallkeeper.it.browser;

import static dev.stallkeeper.it.support.Console.adminPassword;
import static dev.stallkeeper.it.support.Console.adminUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stallkeeper.it.clock.TestClock;
import dev.stallkeeper.it.support.Console;
import dev.stallkeeper.it.support.Db;
import dev.stallkeeper.it.support.Deployments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The supervision and invoice pages in a real browser (headless Chromium): recording requirements and walking a
 * supervision to delivery with an uploaded report, recording an invoice request and issuing it with its PDF, the
 * flags and the postage rule, and which roles see which pages. Screenshots: target/screenshots.
 */
@ExtendWith({ArquillianExtension.class, TestClock.class})
@RunAsClient
class WorkflowBrowserIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @RegisterExtension
    static final Browser browser = new Browser();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.stallkeeper();
    }

    private static Path upload(String name, String content) throws IOException {
        Path dir = Files.createTempDirectory("sk-upload");
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        return file;
    }

    private void act(String action) {
        browser.clickAndWait(By.cssSelector("input.action-" + action));
    }

    @Test
    void aSupervisionIsRecordedAndWalkedToDeliveryInTheConsole() throws IOException {
        String order = "BSUP-" + RUN;
        browser.login(adminUser(), adminPassword());
        browser.nav("nav-supervision");
        browser.waitForPath("/admin/supervisions.xhtml");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Service supervision");

        browser.type("open:orderId", order);
        browser.type("open:orderLineId", "L1");
        browser.type("open:codes", "HW-AAA-1\nHW-BBB-2");
        browser.clickAndWait("open:submit");
        browser.waitForPath("/admin/supervision.xhtml");
        assertThat(browser.text("stage")).isEqualTo("Requirements submitted");
        assertThat(browser.text("system-code")).matches("SK[A-Z2-9]{16}");
        assertThat(browser.text("messages")).contains("Supervision of order " + order + " opened");

        act("CONFIRM_REQUIREMENT");
        assertThat(browser.text("stage")).isEqualTo("Requirements confirmed");
        act("START_DELIVERY");
        assertThat(browser.text("stage")).isEqualTo("Delivering");
        act("DELIVER");
        assertThat(browser.text("messages")).as("no report, no delivery").contains("needs the acceptance report");
        assertThat(browser.text("stage")).isEqualTo("Delivering");
        String serviceStart = TestClock.beijingToday().minusDays(3) + " 09:00";
        browser.type("act:start", serviceStart);
        browser.byId("act:file").sendKeys(upload("acceptance-" + RUN + ".pdf", "%PDF-1.4 report").toString());
        act("DELIVER");
        assertThat(browser.text("stage")).isEqualTo("Delivered");
        assertThat(browser.text("service-start")).isEqualTo(serviceStart + ":00");
        assertThat(browser.text("report:download")).isEqualTo("acceptance-" + RUN + ".pdf");
        assertThat(browser.find(By.id("timeline")).findElements(By.cssSelector("tr"))).hasSize(1 + 4);
        assertThat(browser.find(By.id("timeline")).getText()).contains("Delivering → Delivered").contains(adminUser());
        browser.screenshot("supervision-delivered");

        long id = ((Number) Db.value("SELECT id FROM supervision WHERE order_id = ?", order)).longValue();
        Db.update("UPDATE supervision SET last_moved_at = last_moved_at - INTERVAL '6 days' WHERE id = ?", id);
        browser.open("/admin/supervisions.xhtml?stalled=true&orderId=" + order);
        assertThat(browser.find(By.id("list")).getText()).contains(order).contains("stalled");
        browser.screenshot("supervision-list-stalled");
        browser.open("/admin/supervision.xhtml?id=" + id);
        assertThat(browser.text("stalled-flag")).contains("has not moved for 5 days");
    }

    @Test
    void anInvoiceRequestIsRecordedAndIssuedWithItsPdfInTheConsole() throws IOException {
        String order = "BINV-" + RUN;
        browser.login(adminUser(), adminPassword());
        browser.nav("nav-invoices");
        browser.waitForPath("/admin/invoices.xhtml");
        assertThat(browser.text("postage-rule")).contains("under 100 CNY");

        browser.type("request:orderId", order);
        browser.type("request:title", "Browser Buyer Ltd.");
        new Select(browser.byId("request:medium")).selectByValue("PAPER");
        browser.type("request:address", "2 Example Street, Beijing");
        browser.type("request:amount", "66.00");
        browser.clickAndWait("request:submit");
        browser.waitForPath("/admin/invoice.xhtml");
        assertThat(browser.text("status")).isEqualTo("Pending");
        assertThat(browser.text("postage")).isEqualTo("Buyer pays (under 100 CNY)");

        browser.type("issue:number", "BI" + RUN);
        browser.type("issue:date", TestClock.beijingToday().toString());
        browser.byId("issue:file").sendKeys(upload("BI" + RUN + ".pdf", "%PDF-1.4 invoice").toString());
        browser.clickAndWait("issue:submit");
        assertThat(browser.text("status")).isEqualTo("Issued");
        assertThat(browser.text("pdf:download")).isEqualTo("BI" + RUN + ".pdf");
        assertThat(browser.driver().findElements(By.id("email:submit"))).as("paper is mailed, not e-mailed").isEmpty();
        browser.type("mail:carrier", "SF Express");
        browser.type("mail:tracking", "SF-" + RUN);
        browser.clickAndWait("mail:submit");
        assertThat(browser.text("status")).isEqualTo("Mailed");
        browser.screenshot("invoice-mailed");

        long id = ((Number) Db.value("SELECT id FROM invoice WHERE order_id = ?", order)).longValue();
        browser.open("/admin/invoices.xhtml?orderId=" + order);
        assertThat(browser.find(By.id("list")).getText()).contains("Browser Buyer Ltd.").contains("66.00").contains("Mailed");
        browser.screenshot("invoice-list");

        Db.update("UPDATE invoice SET status = 'PENDING', due_at = ? - INTERVAL '1 day' WHERE id = ?",
                TestClock.now().atOffset(ZoneOffset.UTC), id);
        browser.open("/admin/invoice.xhtml?id=" + id);
        assertThat(browser.text("overdue-flag")).contains("7-day deadline");
    }

    @Test
    void operatorsSeeSupervisionAndFinanceSeesInvoicesOnly() {
        String operator = "b-op-" + RUN;
        String finance = "b-fin-" + RUN;
        for (String[] u : new String[][] {{operator, "operator"}, {finance, "finance"}}) {
            assertThat(Console.api("POST", "/api/admin/users", adminUser(), adminPassword(), "{\"username\":\"" + u[0]
                    + "\",\"password\":\"pass-" + RUN + "-x\",\"roles\":[\"" + u[1] + "\"]}").statusCode()).isEqualTo(201);
        }
        browser.login(operator, "pass-" + RUN + "-x");
        assertThat(browser.driver().findElements(By.id("nav-supervision"))).hasSize(1);
        assertThat(browser.driver().findElements(By.id("nav-invoices"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("nav-outbox"))).as("the outbox is the admins'").isEmpty();
        browser.open("/admin/invoices.xhtml");
        assertThat(browser.driver().getPageSource()).doesNotContain("postage-rule");

        browser.driver().manage().deleteAllCookies();
        browser.login(finance, "pass-" + RUN + "-x");
        assertThat(browser.driver().findElements(By.id("nav-invoices"))).hasSize(1);
        assertThat(browser.driver().findElements(By.id("nav-supervision"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("nav-outbox"))).isEmpty();
        browser.clickAndWait("language:zh");
        browser.nav("nav-invoices");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("发票");
        assertThat(browser.text("postage-rule")).contains("不足 100 元");
        browser.screenshot("invoices-zh");
    }

    @Test
    void theSupervisionListIsPagedWithItsFiltersKept() {
        String order = "BPAGE-" + RUN;
        for (String line : new String[] {"L1", "L2", "L3"}) {
            assertThat(Console.api("POST", "/api/admin/supervision", adminUser(), adminPassword(),
                    "{\"orderId\":\"" + order + "\",\"orderLineId\":\"" + line + "\"}").statusCode()).isEqualTo(201);
        }
        browser.login(adminUser(), adminPassword());
        browser.open("/admin/supervisions.xhtml?orderId=" + order + "&size=2");
        assertThat(browser.text("count")).endsWith(": 3");
        assertThat(browser.text("pageno")).isEqualTo("Page 1 / 2");
        assertThat(browser.driver().findElements(By.cssSelector("#list tbody tr"))).hasSize(2);
        assertThat(browser.driver().findElements(By.id("prev"))).isEmpty();
        browser.clickAndWait("next");
        assertThat(browser.driver().getCurrentUrl()).contains("page=1").contains("orderId=" + order).contains("size=2");
        assertThat(browser.text("pageno")).isEqualTo("Page 2 / 2");
        assertThat(browser.driver().findElements(By.cssSelector("#list tbody tr"))).hasSize(1);
        assertThat(browser.driver().findElements(By.id("next"))).isEmpty();
        browser.clickAndWait("prev");
        assertThat(browser.text("pageno")).isEqualTo("Page 1 / 2");
    }

    /** A parked e-mail as the sender leaves it after its last attempt; the body holds a secret the page must not show. */
    private static long parkedMail(String eventKey) {
        long id = ((Number) Db.value("SELECT nextval('mail_outbox_seq')")).longValue();
        Db.update("INSERT INTO mail_outbox (id, event_key, kind, recipients, subject, body, status, attempts,"
                        + " next_attempt_at, last_error, created_at) VALUES (?, ?, 'INVOICE_OVERDUE', 'ops@it.example',"
                        + " ?, 'secret-body-" + RUN + "', 'PARKED', 10, ?, '535 authentication failed', ?)",
                id, eventKey, "Parked " + RUN, TestClock.now().atOffset(ZoneOffset.UTC), TestClock.now().atOffset(ZoneOffset.UTC));
        return id;
    }

    @Test
    void adminsSeeTheOutboxAndRetryAParkedEmailOnce() {
        long first = parkedMail("it-parked/" + RUN + "/1");
        long second = parkedMail("it-parked/" + RUN + "/2");
        browser.login(adminUser(), adminPassword());
        browser.nav("nav-outbox");
        browser.waitForPath("/admin/outbox.xhtml");
        new Select(browser.byId("status")).selectByValue("PARKED");
        browser.clickAndWait("apply");
        String row = browser.find(By.id("mail-" + first)).getText();
        assertThat(row).contains("it-parked/" + RUN + "/1", "ops@it.example", "Parked " + RUN, "535 authentication failed",
                "Parked", "10");
        assertThat(browser.driver().getPageSource()).as("bodies are never shown").doesNotContain("secret-body-" + RUN);
        browser.screenshot("outbox-parked");

        browser.clickAndWait("retry-" + first);
        assertThat(browser.text("messages")).contains("E-mail " + first + " is back in the queue");
        assertThat(Db.value("SELECT status FROM mail_outbox WHERE id = ?", first)).isEqualTo("PENDING");
        assertThat(Db.value("SELECT status FROM mail_outbox WHERE id = ?", second)).as("only the one pressed")
                .isEqualTo("PARKED");

        // pressed twice (another admin, or a second tab, was first): the later press changes nothing
        assertThat(Console.api("POST", "/api/admin/mail/" + second + "/retry", adminUser(), adminPassword(), null)
                .statusCode()).isEqualTo(200);
        browser.clickAndWait("retry-" + second);
        assertThat(browser.text("messages")).contains("E-mail " + second + " is not parked");
        assertThat(Db.value("SELECT status FROM mail_outbox WHERE id = ?", second)).isNotEqualTo("PARKED");
    }
}
