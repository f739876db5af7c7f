package dev.stallkeeper.it;

import static dev.stallkeeper.it.support.Console.adminPassword;
import static dev.stallkeeper.it.support.Console.adminUser;
import static dev.stallkeeper.it.support.KooGallery.body;
import static dev.stallkeeper.it.support.KooGallery.expireTime;
import static dev.stallkeeper.it.support.KooGallery.newInstance;
import static dev.stallkeeper.it.support.KooGallery.openApi;
import static dev.stallkeeper.it.support.KooGallery.orderTime;
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
        return buy("P-CONSOLE", sku, "Console test", customerName);
    }

    private static String buy(String productId, String sku, String productName, String customerName) {
        String orderId = uniqueOrderId();
        openApi().register(new OrderInfo(orderId, "NEW", orderTime(),
                List.of(new OrderLine(orderId + "-000001", "PERIOD", "month", 1, expireTime(13),
                        new BigDecimal("99.00"), "CNY", List.of(new ProductInfo(productId, sku, 5, productName)))),
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
    void customerNamesAreFoundByAnyPartIgnoringCaseAndWildcardsAreLiteral() {
        String tag = Long.toString(System.nanoTime(), 36);
        String acme = buy("SKU-BASIC", "Acme " + tag + " Trading 100%");
        String zhang = buy("SKU-BASIC", "张三丰" + tag + "科技有限公司");
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.count(
                "SELECT COUNT(*) FROM instance WHERE state = 'ACTIVE' AND id IN (?, ?)", acme, zhang) == 2);
        Console browser = admin();
        assertThat(browser.get("/admin/instances.xhtml?customer=" + tag.toUpperCase() + "+trading").body())
                .contains("Instances found: 1").contains(acme).doesNotContain(zhang);
        assertThat(browser.get("/admin/instances.xhtml?customer=" + java.net.URLEncoder.encode("丰" + tag + "科技",
                java.nio.charset.StandardCharsets.UTF_8)).body()).contains("Instances found: 1").contains(zhang);
        assertThat(browser.get("/admin/instances.xhtml?customer=" + tag + "%25").body())
                .as("%% is a character, not a wildcard").contains("Instances found: 0");
        assertThat(browser.get("/admin/instances.xhtml?customer=" + tag + "+Trading+100%25").body()).contains(acme);
        HttpResponse<String> api = Console.api("GET", "/api/admin/instances?customer=" + tag + "&state=ACTIVE",
                adminUser(), adminPassword(), null);
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).contains("\"total\":2").contains(acme).contains(zhang)
                .doesNotContain("appPassword").doesNotContain("app_password");
        assertThat(Console.api("GET", "/api/admin/instances?state=NOPE", adminUser(), adminPassword(), null).body())
                .contains("unknown state NOPE");
    }

    @Test
    void productsKnownFromOrdersGetDisplayNamesThatTheInstanceListShows() {
        String product = "P-CAT-" + Long.toString(System.nanoTime(), 36);
        String id = buy(product, "SKU-GOLD", "Mail <Pro>", "Catalog Buyer");
        await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(Db.value("SELECT state FROM instance WHERE id = ?", id)));
        assertThat(Db.value("SELECT koogallery_name FROM catalog_product WHERE product_id = ?", product)).isEqualTo("Mail <Pro>");
        assertThat(Db.count("SELECT COUNT(*) FROM catalog_sku WHERE product_id = ? AND sku_code = 'SKU-GOLD'", product)).isEqualTo(1);

        Console browser = admin();
        String page = browser.get("/admin/products.xhtml").body();
        assertThat(page).contains(product).contains("Mail &lt;Pro&gt;").doesNotContain("Mail <Pro>")
                .contains("aria-current=\"page\"");
        HttpResponse<String> saved = browser.submit("/admin/products.xhtml", "catalog",
                Map.of(nameOf(page, "data-product=\"" + product + "\""), "企业邮箱 <专业版>",
                        nameOf(page, "data-save-product=\"" + product + "\""), "Save"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(Db.value("SELECT display_name FROM catalog_product WHERE product_id = ?", product)).isEqualTo("企业邮箱 <专业版>");
        assertThat(Db.value("SELECT updated_by FROM catalog_product WHERE product_id = ?", product)).isEqualTo(adminUser());
        assertThat(browser.get("/admin/instances.xhtml?q=" + id).body()).contains("企业邮箱 &lt;专业版&gt;");

        HttpResponse<String> sku = Console.api("PUT", "/api/admin/products/" + product + "/skus/SKU-GOLD", adminUser(),
                adminPassword(), "{\"displayName\":\"  Gold  \"}");
        assertThat(sku.statusCode()).as(sku.body()).isEqualTo(200);
        assertThat(sku.body()).contains("\"shown\":\"Gold\"");
        assertThat(Console.api("PUT", "/api/admin/products/" + product, adminUser(), adminPassword(),
                "{\"displayName\":\"" + "x".repeat(101) + "\"}").statusCode()).isEqualTo(400);
        assertThat(Console.api("PUT", "/api/admin/products/no-such-product", adminUser(), adminPassword(),
                "{\"displayName\":\"x\"}").statusCode()).isEqualTo(404);
        assertThat(Console.api("PUT", "/api/admin/product-types/SAAS", adminUser(), adminPassword(),
                "{\"displayName\":\"SaaS 软件\"}").statusCode()).isEqualTo(200);
        String list = Console.api("GET", "/api/admin/products", adminUser(), adminPassword(), null).body();
        assertThat(list).contains("\"shown\":\"SaaS 软件\"").contains("\"productId\":\"" + product + "\"")
                .contains("\"kooGalleryName\":\"Mail <Pro>\"");
        assertThat(Console.api("PUT", "/api/admin/product-types/SAAS", adminUser(), adminPassword(),
                "{\"displayName\":\"\"}").body()).contains("\"shown\":\"SAAS\"");
    }

    /** The name of the last input on the page whose tag carries the marker (inputs in repeats get numbered names). */
    private static String nameOf(String page, String marker) {
        int at = page.lastIndexOf(marker);
        assertThat(at).as("marker " + marker).isPositive();
        int tag = page.lastIndexOf("<input", at);
        int name = page.indexOf("name=\"", tag) + 6;
        return page.substring(name, page.indexOf('"', name));
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
        Map<String, String> press = Map.of("parked", "parked", "parked:replay", buttonFor(page.body(), id),
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
        // every setting of the registry, grouped by owning context, with its default (the nine once missing among them)
        assertThat(page).contains("id=\"context-billing\"").contains("id=\"setting-STALLKEEPER_SETTLEMENT_THRESHOLD\"")
                .contains("id=\"setting-STALLKEEPER_SUPERVISED_PRODUCT_TYPES\"").contains("1000.00");
        java.util.regex.Matcher db = java.util.regex.Pattern.compile("id=\"check-database\">.*?<td class=\"([a-z-]+)\">",
                java.util.regex.Pattern.DOTALL).matcher(page);
        assertThat(db.find()).isTrue();
        assertThat(db.group(1)).isEqualTo("msg-info");
        assertThat(page).contains("PostgreSQL").contains("id=\"check-openApi\"").contains("id=\"check-clock\"");
    }

    /** The value of the replay button in the row of that instance (the id of its work). */
    private static String buttonFor(String html, String instanceId) {
        int row = html.indexOf(instanceId);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"parked:replay\" value=\"(\\d+)\"").matcher(html);
        assertThat(m.find(row)).as("replay button after " + instanceId).isTrue();
        return m.group(1);
    }
}
