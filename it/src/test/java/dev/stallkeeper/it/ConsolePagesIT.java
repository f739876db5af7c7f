package dev.stallkeeper.it;

import static dev.stallkeeper.it.support.Console.adminPassword;
import static dev.stallkeeper.it.support.Console.adminUser;
import static dev.stallkeeper.it.support.KooGallery.body;
import static dev.stallkeeper.it.support.KooGallery.newInstance;
import static dev.stallkeeper.it.support.KooGallery.openApi;
import static dev.stallkeeper.it.support.KooGallery.send;
import static dev.stallkeeper.it.support.KooGallery.uniqueOrderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stallkeeper.it.support.Console;
import dev.stallkeeper.it.support.Db;
import dev.stallkeeper.it.support.Deployments;
import dev.stallkeeper.protocol.order.BuyerInfo;
import dev.stallkeeper.protocol.order.OrderInfo;
import dev.stallkeeper.protocol.order.OrderLine;
import dev.stallkeeper.protocol.order.ProductInfo;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The console's instance list, instance page and interface messages over HTTP, with data from real callbacks. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsolePagesIT {

    private static final String MARKUP = "<script>alert('buyer')</script> Ltd.";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.stallkeeper();
    }

    private static String buy(String sku, String customerName) {
        String orderId = uniqueOrderId();
        openApi().register(new OrderInfo(orderId, "NEW", "20261101080000",
                List.of(new OrderLine(orderId + "-000001", "PERIOD", "month", 1, "20271201080000",
                        new BigDecimal("99.00"), "CNY", List.of(new ProductInfo("P-CONSOLE", sku, 5, "Console test")))),
                new BuyerInfo("cust-" + orderId, customerName, null, null, null, null), List.of()));
        String id = UUID.randomUUID().toString();
        send(newInstance(orderId, orderId + "-000001", id));
        return id;
    }

    private static Console admin() {
        Console browser = Console.browser();
        assertThat(browser.login(adminUser(), adminPassword()).statusCode()).isEqualTo(302);
        return browser;
    }

    @Test
    void theListFiltersAndShowsABuyersMarkupAsText() {
        String id = buy("SKU-BASIC", MARKUP);
        await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(Db.value("SELECT state FROM instance WHERE id = ?", id)));
        Console browser = admin();

        String byId = browser.get("/admin/instances.xhtml?q=" + id).body();
        assertThat(byId).contains("Instances found: 1").contains(id)
                .contains("&lt;script&gt;alert('buyer')&lt;/script&gt; Ltd.").doesNotContain("<script>alert");

        String orderId = (String) Db.value("SELECT order_id FROM instance WHERE id = ?", id);
        assertThat(browser.get("/admin/instances.xhtml?q=" + orderId + "&state=ACTIVE").body()).contains(id);
        assertThat(browser.get("/admin/instances.xhtml?q=" + orderId + "&state=FROZEN").body())
                .contains("Instances found: 0").doesNotContain(id);
        assertThat(browser.get("/admin/instances.xhtml?product=P-CONSOLE&sort=CREATED_ASC").body()).contains(id);
        assertThat(browser.get("/admin/instances.xhtml?from=2000-01-01&to=2000-01-02").body()).contains("Instances found: 0");
        assertThat(browser.get("/admin/instances.xhtml?from=yesterday").body()).contains("dates are yyyy-MM-dd");
    }

    @Test
    void theInstancePageShowsTheTimelineAndEveryCallbackWithSecretsMasked() {
        String id = buy("SKU-BASIC", "Detail Buyer");
        await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(Db.value("SELECT state FROM instance WHERE id = ?", id)));
        send(body("queryInstance").put("instanceId", id));
        String page = admin().get("/admin/instance.xhtml?id=" + id).body();
        assertThat(page).contains("Active").contains("CREATED").contains("ACTIVATED")
                .contains("newInstance").contains("queryInstance").contains("businessId");
        String password = (String) Db.value("SELECT app_password FROM instance WHERE id = ?", id);
        if (password != null) {
            assertThat(page).doesNotContain(password);
        }
        assertThat(admin().get("/admin/instance.xhtml?id=no-such-instance").body()).contains("No such instance");
    }

    @Test
    void parkedWorkIsListedAndAReplayPressedTwiceRunsOnce() {
        String id = buy("FAIL-100", "Parked Buyer");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> "PARKED".equals(Db.value("SELECT status FROM work_item WHERE instance_id = ?", id)));
        long workId = ((Number) Db.value("SELECT id FROM work_item WHERE instance_id = ?", id)).longValue();

        Console browser = admin();
        String dashboard = browser.get("/admin/index.xhtml").body();
        java.util.regex.Matcher failedOrders = java.util.regex.Pattern.compile("id=\"failed-orders\">(\\d+)").matcher(dashboard);
        assertThat(failedOrders.find()).isTrue();
        assertThat(Integer.parseInt(failedOrders.group(1))).as("a FAILED instance counts towards delisting").isGreaterThanOrEqualTo(1);
        assertThat(dashboard).contains("id=\"chart-volume\"").contains("id=\"chart-latency\"").doesNotContain("id=\"cb-total\">0<");

        HttpResponse<String> page = browser.get("/admin/messages.xhtml");
        assertThat(page.body()).contains(id).contains("SaaS tenant service unavailable");
        String button = buttonFor(page.body(), id);
        Map<String, String> press = Map.of("parked", "parked", button, "Replay",
                "jakarta.faces.ViewState", Console.viewStateOf(page.body(), "parked"));

        HttpResponse<String> first = browser.post("/admin/messages.xhtml", press);
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(browser.get("/admin/messages.xhtml").body()).contains("will run again within seconds");
        HttpResponse<String> second = browser.post("/admin/messages.xhtml", press);
        // The second press comes from the same (now stale) page: it must not replay the work again.
        assertThat(second.statusCode()).isIn(200, 302);
        assertThat(Db.count("SELECT COUNT(*) FROM instance_event WHERE instance_id = ? AND event_type = 'PROVISION_REPLAYED'", id))
                .isEqualTo(1);
        assertThat(Db.value("SELECT state FROM instance WHERE id = ?", id)).isIn("PROVISIONING", "FAILED");
        assertThat(((Number) Db.value("SELECT attempts FROM work_item WHERE id = ?", workId)).intValue()).isLessThan(5);

        HttpResponse<String> anonymous = Console.browser().get("/admin/messages.xhtml");
        assertThat(anonymous.statusCode()).isEqualTo(302);

        // the replayed work fails again (FAIL-100) and parks: leave no background work behind for later tests
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> "PARKED".equals(Db.value("SELECT status FROM work_item WHERE id = ?", workId)));
    }

    @Test
    void theSettingsPageShowsTheEffectiveConfigurationWithoutSecretsAndASelfCheck() {
        String page = admin().get("/admin/settings.xhtml").body();
        assertThat(page).contains("KOOGALLERY_KEY").contains("set (masked)").contains("KOOGALLERY_API_BASE")
                .contains("http://127.0.0.1:" + System.getProperty("it.openapi.port"));
        assertThat(page).doesNotContain(System.getProperty("it.key")).doesNotContain(System.getProperty("it.sk"))
                .doesNotContain(adminPassword());
        java.util.regex.Matcher db = java.util.regex.Pattern.compile("id=\"check-database\">.*?<td class=\"([a-z-]+)\">",
                java.util.regex.Pattern.DOTALL).matcher(page);
        assertThat(db.find()).isTrue();
        assertThat(db.group(1)).isEqualTo("msg-info");
        assertThat(page).contains("PostgreSQL").contains("id=\"check-openApi\"").contains("id=\"check-clock\"");
    }

    /** The name of the replay button in the row of that instance. */
    private static String buttonFor(String html, String instanceId) {
        int row = html.indexOf(instanceId);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"(parked:table:\\d+:replay)\"").matcher(html);
        assertThat(m.find(row)).as("replay button after " + instanceId).isTrue();
        return m.group(1);
    }
}
