package dev.stallkeeper.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stallkeeper.it.support.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The quick start's living demo month (issue 19): the application exactly as shipped (no test classes), started the
 * way {@code ./stallkeeper start} starts it (embedded H2, the script's quick-start settings read from the script
 * itself, demo data on) as a server process of its own (port offset 200 above the Arquillian one). Its first page
 * answers within 60 s, and the console and the admin API show the seeded plan, whose figures are stated here:
 * 200 instances (162 active, 20 frozen, 16 released, 1 failed, 1 provisioning), callbacks in the last 24 hours with
 * bars in both charts, completed settlement runs of the last two months (one product type settles, another carries
 * forward), invoices in every state with one overdue, supervisions in every stage with one stalled, invoice e-mails
 * parked for want of SMTP, a joint-operation tenant with users and an org tree. Screenshots at 1280 px wide.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoMonthBrowserIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    static final String ADMIN = "admin";
    static final String PASSWORD = "stallkeeper-demo";
    /** The seeded plan's final states (DemoMonth's documentation states the same plan). */
    static final Map<String, Long> STATES = Map.of("ACTIVE", 162L, "FROZEN", 20L, "RELEASED", 16L, "FAILED", 1L,
            "PROVISIONING", 1L);
    static final Set<String> INVOICE_STATES = Set.of("PENDING", "ISSUED", "MAILED", "EMAILED", "REJECTED", "RETURNED");
    static final Set<String> STAGES = Set.of("REQUIREMENT_SUBMITTED", "REQUIREMENT_CONFIRMED", "REQUIREMENT_REJECTED",
            "DELIVERING", "DELIVERED", "CUSTOMER_ACCEPTED", "CUSTOMER_REJECTED", "APPEALED", "COMPLETED");
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    static ServerProcess server;
    static long firstPageMillis;
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startTheQuickStart() throws Exception {
        List<String> properties = new ArrayList<>();
        quickStartSettings().forEach((env, value) ->
                properties.add("-D" + env.toLowerCase(Locale.ROOT).replace('_', '.') + "=" + value));
        server = new ServerProcess("demo-server", null, Integer.getInteger("it.port.offset") + 200, properties);
        EnterpriseArchive shipped = ShrinkWrap.create(ZipImporter.class, "stallkeeper.ear")
                .importFrom(new java.io.File(System.getProperty("it.ear"))).as(EnterpriseArchive.class);
        server.prepare(shipped);
        long started = System.nanoTime();
        server.start(); // until /api/health answers 200
        URI login = URI.create("http://127.0.0.1:" + server.httpPort() + "/admin/login.xhtml");
        assertThat(HTTP.send(HttpRequest.newBuilder(login).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        firstPageMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("[demo] the quick start answered its first page %d ms after the server process started%n",
                firstPageMillis);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** What {@code ./stallkeeper start} exports for the quick start (its {@code start)} branch), read from the script. */
    static Map<String, String> quickStartSettings() throws Exception {
        String script = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("stallkeeper"));
        String start = script.substring(script.indexOf("  start)"), script.indexOf("  test)"));
        Map<String, String> settings = new TreeMap<>();
        Matcher m = Pattern.compile("export (\\w+)=(?:\"\\$\\{\\1:-([^}]*)}\"|(\\w+))").matcher(start);
        while (m.find()) {
            settings.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        assertThat(settings).containsEntry("STALLKEEPER_DEMO_DATA", "true").containsKeys("KOOGALLERY_KEY",
                "STALLKEEPER_ADMIN_PASSWORD", "STALLKEEPER_DATA_KEY");
        return settings;
    }

    static JsonNode api(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort()
                        + "/api/admin" + path)).header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Opens a console page, logging in first when the browser has no session (it is cleared before every test). */
    void open(String path) {
        String url = "http://127.0.0.1:" + server.httpPort() + path;
        browser.driver().get(url);
        browser.waitUntilLoaded();
        if (browser.driver().getCurrentUrl().contains("/admin/login.xhtml") && !path.contains("login")) {
            browser.submitLogin(ADMIN, PASSWORD);
            browser.waitUntil(d -> !d.getCurrentUrl().contains("/admin/login.xhtml"));
            browser.driver().get(url);
            browser.waitUntilLoaded();
        }
    }

    @Test
    @Order(1)
    void theFirstPageAnswersWithinSixtySeconds() {
        assertThat(firstPageMillis).isLessThan(60_000);
    }

    @Test
    @Order(2)
    void theDashboardShowsCallbacksOfTheLast24HoursWithBarsInBothCharts() {
        open("/admin/index.xhtml");
        long total = Long.parseLong(browser.text("cb-total"));
        assertThat(total).as("callbacks in the last 24 hours").isGreaterThan(100);
        assertThat(browser.text("cb-failure-rate")).isNotEqualTo("0.0 %");
        assertThat(bars("chart-volume", "bar-ok")).as("hours with callbacks").isGreaterThanOrEqualTo(20);
        assertThat(bars("chart-volume", "bar-failed")).as("hours with failures").isGreaterThanOrEqualTo(1);
        assertThat(bars("chart-latency", "bar-latency")).as("hours with an answer time").isGreaterThanOrEqualTo(20);
        STATES.forEach((state, n) -> assertThat(browser.find(By.id("state-" + state)).getText()).contains(n.toString()));
        browser.screenshot("dashboard");
        browser.driver().executeScript("arguments[0].scrollIntoView()", browser.byId("chart-volume"));
        browser.screenshot("dashboard-charts");
    }

    private long bars(String chart, String kind) {
        List<WebElement> rects = browser.byId(chart).findElements(By.cssSelector("rect." + kind));
        return rects.stream().filter(r -> Double.parseDouble(r.getAttribute("height")) > 0).count();
    }

    @Test
    @Order(3)
    void twoHundredInstancesAcrossStatesProductsAndSkus() throws Exception {
        JsonNode summary = api("/instances/summary");
        STATES.forEach((state, n) -> assertThat(summary.path(state).asLong()).as(state).isEqualTo(n));
        Set<String> skus = new TreeSet<>();
        for (JsonNode i : api("/instances?size=200").path("instances")) {
            skus.add(i.path("productId").asText() + "/" + i.path("skuCode").asText());
        }
        assertThat(skus).contains("OFFI-DEMO/SKU-STANDARD", "OFFI-DEMO/SKU-PRO", "CRM-DEMO/CRM-BASIC",
                "CRM-DEMO/CRM-TEAM", "LIC-DEMO/LIC-SITE", "API-DEMO/API-METERED");
        JsonNode readme = api("/instances?q=demo-frozen-1").path("instances");
        assertThat(readme.get(0).path("state").asText()).isEqualTo("FROZEN");
        assertThat(api("/instances?q=demo-active-1").path("instances").get(0).path("state").asText()).isEqualTo("ACTIVE");
    }

    @Test
    @Order(4)
    void lastMonthIsSettledWithStatementsAndAWorklist() throws Exception {
        String last = period(YearMonth.now(BEIJING).minusMonths(1));
        JsonNode run = api("/settlement/runs/" + last);
        assertThat(run.path("status").asText()).isEqualTo("COMPLETED");
        JsonNode statements = api("/settlement/periods/" + last + "/statements");
        List<Boolean> settled = new ArrayList<>();
        statements.forEach(s -> settled.add(s.path("settled").asBoolean()));
        assertThat(settled).as("a type crosses 1000 CNY, another carries forward").contains(true, false);
        assertThat(api("/settlement/periods/" + last + "/worklist").path("counts")).isNotEmpty();
        assertThat(api("/settlement/runs/" + period(YearMonth.now(BEIJING).minusMonths(2))).path("status").asText())
                .isEqualTo("COMPLETED");
        open("/admin/settlement.xhtml");
        browser.screenshot("settlement");
    }

    private static String period(YearMonth m) {
        return String.format("%04d%02d", m.getYear(), m.getMonthValue());
    }

    @Test
    @Order(5)
    void invoicesInEveryStateOneOverdueAndSupervisionsInEveryStageOneStalled() throws Exception {
        Set<String> states = new TreeSet<>();
        int overdue = 0;
        for (JsonNode i : api("/invoices?size=100").path("items")) {
            states.add(i.path("status").asText());
            overdue += i.path("overdue").asBoolean() ? 1 : 0;
        }
        assertThat(states).isEqualTo(INVOICE_STATES);
        assertThat(overdue).isEqualTo(1);
        Set<String> stages = new TreeSet<>();
        int stalled = 0;
        for (JsonNode s : api("/supervision?size=100").path("items")) {
            stages.add(s.path("stage").asText());
            stalled += s.path("stalled").asBoolean() ? 1 : 0;
        }
        assertThat(stages).isEqualTo(STAGES);
        assertThat(stalled).isEqualTo(1);
        open("/admin/invoices.xhtml");
        browser.screenshot("invoices");
        open("/admin/supervisions.xhtml");
        browser.screenshot("supervisions");
    }

    @Test
    @Order(6)
    void eMailsWaitParkedWithTheirReason() throws Exception {
        int parked = 0;
        int sent = 0;
        for (JsonNode m : api("/mail").path("items").isMissingNode() ? api("/mail") : api("/mail").path("items")) {
            if ("PARKED".equals(m.path("status").asText())) {
                parked++;
                assertThat(m.path("lastError").asText()).contains("SMTP is not configured");
            }
            sent += "SENT".equals(m.path("status").asText()) ? 1 : 0;
        }
        assertThat(parked).isEqualTo(2);
        assertThat(sent).isEqualTo(1);
        open("/admin/outbox.xhtml");
        assertThat(browser.find(By.tagName("body")).getText()).contains("SMTP is not configured");
        browser.screenshot("outbox");
    }

    @Test
    @Order(7)
    void aJointOperationTenantWithUsersAndAnOrgTree() {
        open("/admin/tenants.xhtml?id=demo-tenant-acme");
        assertThat(browser.text("tenant-name")).isEqualTo("Acme Trading Co., Ltd.");
        assertThat(browser.byId("orgs").findElements(By.tagName("li"))).hasSize(7);
        String list = browser.text("tenant-list");
        assertThat(list).contains("Acme Trading Co., Ltd.").contains("demo-tenant-acme");
        // applications 0 (applicationSync needs the seller's private key, which the quick start has not), 6 authorised
        // users (authSync), 7 departments (allOrgSync and a singleOrgSync)
        assertThat(list).contains("demo-tenant-acme https://idaas.example.com 0 6 7 Active");
        browser.screenshot("tenant");
    }

    @Test
    @Order(8)
    void theInterfaceMessagesPageShowsFailedCallbacksAndTheParkedWork() {
        open("/admin/messages.xhtml");
        String page = browser.find(By.tagName("body")).getText();
        assertThat(page).contains("demo-failed-1").contains("000003");
        browser.screenshot("messages");
    }
}
