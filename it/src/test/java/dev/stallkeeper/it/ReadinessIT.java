package dev.stallkeeper.it;

import static dev.stallkeeper.it.support.Console.adminPassword;
import static dev.stallkeeper.it.support.Console.adminUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.stallkeeper.it.support.Console;
import dev.stallkeeper.it.support.Db;
import dev.stallkeeper.it.support.Deployments;
import dev.stallkeeper.it.support.MailServer;
import dev.stallkeeper.it.support.KooGallery;
import dev.stallkeeper.protocol.order.MockOrders;
import dev.stallkeeper.simulator.CallbackResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The go-live checklist and the publishing report (issue 19, items 4 and 5).
 *
 * <p>The Arquillian server is set up as a seller would set up production: its own KooGallery key, AK/SK accepted by
 * the simulator's Query Order, the Kit key and private key, a mail server (GreenMail here) and an address for
 * notifications. It has no TLS: the checklist requests say {@code X-Forwarded-Proto: https}, as the TLS proxy in
 * front of a real installation would, so the HTTPS item proves the header is honoured, not that a certificate exists.
 * The clock item compares the server's clock with the Date of the simulator on the same machine. The quick start's
 * side is {@link QuickStartReadinessIT}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReadinessIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ITEMS = List.of("koogalleryKey", "kit", "queryOrder", "clock", "https", "smtp",
            "debugCall", "auditRetention", "adminAccount");

    @RegisterExtension
    static final GreenMailExtension SMTP = MailServer.extension();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.stallkeeper();
    }

    static HttpResponse<String> get(URI uri, String user, String password, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120)).GET()
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, JsonNode> itemsById(String body) throws Exception {
        Map<String, JsonNode> items = new LinkedHashMap<>();
        for (JsonNode item : JSON.readTree(body).path("items")) {
            items.put(item.path("id").asText(), item);
        }
        return items;
    }

    /** A dial test as KooGallery sends it: a signed debug newInstance for its mock order. */
    private static void dialTest() {
        KooGallery.openApi();
        CallbackResult dial = KooGallery.send(KooGallery.newInstance(MockOrders.PERIOD_YEAR_NEW,
                MockOrders.PERIOD_YEAR_NEW + MockOrders.ORDER_LINE_SUFFIX, UUID.randomUUID().toString())
                .put("testFlag", "1"));
        assertThat(dial.resultCode()).as("the dial test " + dial).isEqualTo("000000");
    }

    @Test
    void aServerConfiguredAsASellerWouldIsGreenOnEveryItem() throws Exception {
        dialTest();
        HttpResponse<String> response = get(Console.url("/api/admin/readiness"), adminUser(), adminPassword(),
                Map.of("X-Forwarded-Proto", "https"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, JsonNode> items = itemsById(response.body());
        assertThat(items.keySet()).containsExactlyElementsOf(ITEMS);
        items.forEach((id, item) -> {
            assertThat(item.path("status").asText()).as(id + ": " + item).isEqualTo("GREEN");
            assertThat(item.path("message").asText()).as(id).isNotBlank();
        });
        assertThat(items.get("queryOrder").path("message").asText()).contains("MKT.0000");
        assertThat(items.get("smtp").path("message").asText()).contains("greeted with 220");
        assertThat(JSON.readTree(response.body()).path("publicUrl").asText())
                .isEqualTo("https://127.0.0.1:" + Integer.getInteger("it.http.port"));
        assertThat(response.body()).as("no secret in the answer")
                .doesNotContain(System.getProperty("it.key"), System.getProperty("it.sk"),
                        System.getProperty("it.kit.key"), adminPassword());
    }

    @Test
    void withoutTheProxysWordThePlainHttpAddressIsRed() throws Exception {
        HttpResponse<String> response = get(Console.url("/api/admin/readiness"), adminUser(), adminPassword(), Map.of());
        JsonNode https = itemsById(response.body()).get("https");
        assertThat(https.path("status").asText()).isEqualTo("RED");
        assertThat(https.path("howToFix").asText()).contains("STALLKEEPER_PUBLIC_URL");
    }

    @Test
    void onlyAdminsSeeTheChecklist() throws Exception {
        Console.ensureUser("it-golive-operator", "golive-operator-pass-0001", "operator");
        assertThat(get(Console.url("/api/admin/readiness"), "it-golive-operator", "golive-operator-pass-0001", Map.of())
                .statusCode()).isEqualTo(403);
        Console operator = Console.browser();
        operator.login("it-golive-operator", "golive-operator-pass-0001");
        assertThat(operator.get("/admin/index.xhtml").statusCode()).as("logged in").isEqualTo(200);
        assertThat(operator.get("/admin/golive.xhtml").statusCode()).isEqualTo(403);
        assertThat(operator.get("/admin/golive-report").statusCode()).isEqualTo(403);
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(Console.url("/api/admin/readiness/report"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    void theReportRunsTheSecurityCasesThroughThePublicAddressAndSaysWhatItDoesNotCover() throws Exception {
        long refusedBefore = Db.count("SELECT COUNT(*) FROM callback_log WHERE refused = TRUE AND result_code = '000001'"
                + " AND nonce LIKE 'stallkeeper-selftest-%'");
        HttpResponse<String> response = get(Console.url("/api/admin/readiness/report"), adminUser(), adminPassword(),
                Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(response.headers().firstValue("Content-Disposition").orElse(""))
                .matches("attachment; filename=\"stallkeeper-publishing-report-\\d{8}-\\d{6}Z\\.html\".*");
        String html = response.body();
        java.nio.file.Path saved = java.nio.file.Path.of(System.getProperty("it.screenshots.dir", "target/screenshots"));
        java.nio.file.Files.createDirectories(saved);
        java.nio.file.Files.writeString(saved.resolve("ReadinessIT-publishing-report.html"), html); // for a reviewer
        for (String id : ITEMS) {
            assertThat(html).contains("id=\"item-" + id + "\"");
        }
        // the cases ran, with the outcomes KooGallery's rules require (spec §2.2.2, §3, §10.2)
        assertThat(caseRow(html, "no signature")).contains("HTTP 200, 000001").contains(">PASS<");
        assertThat(caseRow(html, "one hex digit of the signature flipped")).contains("HTTP 200, 000001").contains(">PASS<");
        assertThat(caseRow(html, "stale timestamp")).contains(">PASS<");
        assertThat(caseRow(html, "future timestamp")).contains(">PASS<");
        assertThat(caseRow(html, "malformed JSON")).contains("HTTP 200, 000002").contains(">PASS<");
        assertThat(caseRow(html, "oversized body")).contains("HTTP 200, 000002").contains(">PASS<");
        assertThat(caseRow(html, "same nonce, another correctly signed body")).contains("000001").contains(">PASS<");
        assertThat(caseRow(html, "signed debug newInstance")).contains("HTTP 200, 000000").contains(">PASS<");
        assertThat(html).doesNotContain(">FAIL<");
        assertThat(Db.count("SELECT COUNT(*) FROM callback_log WHERE refused = TRUE AND result_code = '000001'"
                + " AND nonce LIKE 'stallkeeper-selftest-%'")).as("the server itself refused the forged requests")
                .isGreaterThan(refusedBefore);
        // seen from outside: plain HTTP here, said so; the versions; what it does not cover
        assertThat(html).contains("none: the address is plain HTTP").contains("Content-Security-Policy")
                .contains("PostgreSQL").contains("WildFly")
                .contains("What this report does not cover").contains("no substitute for a full scanner");
        // self-contained, and no secret in it
        assertThat(html).doesNotContain("<script").doesNotContain("<link");
        assertThat(Pattern.compile("(src|href)\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find()).isFalse();
        assertThat(html).doesNotContain(System.getProperty("it.key"), System.getProperty("it.sk"),
                System.getProperty("it.kit.key"), System.getProperty("it.data.key"), adminPassword());
    }

    @Test
    void theConsoleDownloadsTheSameReportWithItsSession() {
        Console admin = Console.browser();
        admin.login(adminUser(), adminPassword());
        HttpResponse<String> report = admin.get("/admin/golive-report");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment; filename=\"stallkeeper-publishing-report-");
        assertThat(report.body()).contains("id=\"item-koogalleryKey\"").contains("What this report does not cover");
    }

    /** The table row of the self-test case whose name starts with {@code name}. */
    private static String caseRow(String html, String name) {
        int at = html.indexOf("<tr class=\"case\"><td>" + name);
        assertThat(at).as("a case row for " + name).isNotNegative();
        return html.substring(at, html.indexOf("</tr>", at));
    }
}
