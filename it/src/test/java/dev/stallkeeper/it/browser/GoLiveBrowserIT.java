package dev.stallkeeper.it.browser;

import static dev.stallkeeper.it.support.Console.adminPassword;
import static dev.stallkeeper.it.support.Console.adminUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stallkeeper.it.support.Deployments;
import dev.stallkeeper.it.support.KooGallery;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The go-live page in a real browser at 1280 px, in English and in Simplified Chinese (screenshots
 * GoLiveBrowserIT-*.png in target/screenshots). The test server has no TLS in front, so its HTTPS item is red here.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GoLiveBrowserIT {

    private static final List<String> ITEMS = List.of("koogalleryKey", "kit", "queryOrder", "clock", "https", "smtp",
            "debugCall", "auditRetention", "adminAccount");

    @RegisterExtension
    static final Browser browser = new Browser();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.stallkeeper();
    }

    @Test
    void theChecklistShowsEveryItemWithItsStatusInBothLanguages() {
        KooGallery.openApi();
        browser.login(adminUser(), adminPassword());
        browser.open("/admin/golive.xhtml");
        assertThat(browser.driver().getTitle()).startsWith("Go-live checklist");
        for (String id : ITEMS) {
            WebElement row = browser.byId("item-" + id);
            assertThat(row.findElement(By.className("status")).getText()).as(id).isIn("Green", "Amber", "Red");
        }
        assertThat(browser.byId("item-koogalleryKey").findElement(By.className("status")).getText()).isEqualTo("Green");
        assertThat(browser.byId("item-https").findElement(By.className("status")).getText())
                .as("plain HTTP, no proxy in front").isEqualTo("Red");
        assertThat(browser.byId("report-link").getAttribute("href")).endsWith("/admin/golive-report");
        assertThat(browser.byId("checked-at").getText()).as("when the checks ran, Beijing time")
                .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        browser.screenshot("golive-en");

        browser.clickAndWait("language:zh");
        browser.open("/admin/golive.xhtml");
        browser.waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "上线检查清单"));
        assertThat(browser.byId("item-koogalleryKey").findElement(By.tagName("th")).getText())
                .isEqualTo("已设置云商店密钥，且不是演示密钥");
        assertThat(browser.byId("item-https").findElement(By.className("status")).getText()).isEqualTo("红色");
        browser.screenshot("golive-zh");
    }
}
