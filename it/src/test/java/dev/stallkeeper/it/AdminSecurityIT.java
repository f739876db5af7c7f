package dev.stallkeeper.it;

import static dev.stallkeeper.it.support.Console.adminPassword;
import static dev.stallkeeper.it.support.Console.adminUser;
import static dev.stallkeeper.it.support.Console.api;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stallkeeper.it.clock.TestClock;
import dev.stallkeeper.it.support.Console;
import dev.stallkeeper.it.support.Db;
import dev.stallkeeper.it.support.Deployments;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Access to the admin console and the admin API: login, roles, the first admin from the environment, CSRF
 * tokens on every console form, escaped output, and users kept with PBKDF2 hashes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminSecurityIT {

    private static final String OPERATOR = "it-operator";
    private static final String OPERATOR_PASSWORD = "operator-pass-0001";
    private static final String FINANCE = "it-finance";
    private static final String FINANCE_PASSWORD = "finance-pass-0001";

    private static final List<String> PAGES = List.of("/admin/", "/admin/index.xhtml", "/admin/users.xhtml",
            "/admin/settings.xhtml", "/admin/instances.xhtml", "/admin/instance.xhtml?id=x", "/admin/messages.xhtml",
            "/admin/products.xhtml", "/admin/tenants.xhtml", "/admin/settlement.xhtml",
            "/admin/settlement-period.xhtml?period=" + TestClock.period(1), "/admin/supervisions.xhtml", "/admin/invoices.xhtml");

    /** Pages and API reads that belong to some roles only: path, then the roles allowed besides admin. */
    private static final List<String[]> BY_ROLE = List.of(
            new String[] {"/admin/tenants.xhtml", "operator"},
            new String[] {"/admin/supervisions.xhtml", "operator"},
            new String[] {"/api/admin/supervision", "operator"},
            new String[] {"/admin/settlement.xhtml", "finance"},
            new String[] {"/api/admin/settlement/runs", "finance"},
            new String[] {"/admin/invoices.xhtml", "finance"},
            new String[] {"/api/admin/invoices", "finance"},
            new String[] {"/api/admin/mail", ""},
            new String[] {"/admin/outbox.xhtml", ""});
    private static final List<String[]> API = List.of(
            new String[] {"GET", "/api/admin/me"}, new String[] {"GET", "/api/admin/instances/summary"},
            new String[] {"GET", "/api/admin/instances"}, new String[] {"GET", "/api/admin/products"},
            new String[] {"GET", "/api/admin/users"}, new String[] {"POST", "/api/admin/users"},
            new String[] {"PUT", "/api/admin/users/" + OPERATOR}, new String[] {"PUT", "/api/admin/users/" + OPERATOR + "/password"},
            new String[] {"GET", "/api/admin/settlement/runs"}, new String[] {"POST", "/api/admin/bills"},
            new String[] {"GET", "/api/admin/supervision"}, new String[] {"GET", "/api/admin/invoices"},
            new String[] {"GET", "/api/admin/mail"});

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.stallkeeper();
    }

    @BeforeAll
    static void staff() {
        Console.ensureUser(OPERATOR, OPERATOR_PASSWORD, "operator");
        Console.ensureUser(FINANCE, FINANCE_PASSWORD, "finance");
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        String base = "http://127.0.0.1:" + Integer.getInteger("it.http.port");
        Map<String, HttpRequest> answers = Map.of(
                "console page", HttpRequest.newBuilder(URI.create(base + "/admin/login.xhtml")).build(),
                "API without credentials (401)", HttpRequest.newBuilder(URI.create(base + "/api/admin/me")).build(),
                "health", HttpRequest.newBuilder(URI.create(base + "/api/health")).build(),
                "unknown path (404)", HttpRequest.newBuilder(URI.create(base + "/no-such-page")).build(),
                "callback answer", HttpRequest.newBuilder(URI.create(base + "/api/koogallery/produce"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        answers.forEach((what, request) -> {
            HttpResponse<String> r = send(request);
            assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).as(what)
                    .contains("frame-ancestors 'none'").contains("default-src 'self'").contains("object-src 'none'");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(what).contains("DENY");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(what).contains("no-referrer");
            assertThat(r.headers().firstValue("Strict-Transport-Security").orElse("")).as(what).startsWith("max-age=");
        });
    }

    @Test
    void aCrossSiteFormPostIsRefusedAndStartsNothing() {
        String base = "http://127.0.0.1:" + Integer.getInteger("it.http.port");
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (adminUser() + ":" + adminPassword()).getBytes(StandardCharsets.UTF_8));
        URI oldPeriod = URI.create(base + "/api/admin/settlement/runs/202001");
        // what a browser sends for a form on another site, with the admin's cached Basic credentials
        HttpResponse<String> crossSite = send(HttpRequest.newBuilder(oldPeriod).header("Authorization", basic)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "http://evil.example")
                .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.ofString("x=1")).build());
        assertThat(crossSite.statusCode()).as(crossSite.body()).isEqualTo(403);
        assertThat(crossSite.body()).contains("request.crossSite");
        HttpResponse<String> foreignOrigin = send(HttpRequest.newBuilder(oldPeriod).header("Authorization", basic)
                .header("Content-Type", "application/json").header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(foreignOrigin.statusCode()).as("an older browser: no Sec-Fetch-Site, a foreign Origin").isEqualTo(403);
        for (String type : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain")) {
            HttpResponse<String> simple = send(HttpRequest.newBuilder(oldPeriod).header("Authorization", basic)
                    .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString("x=1")).build());
            assertThat(simple.statusCode()).as(type + " (a type a cross-site form may send)").isEqualTo(415);
        }
        HttpResponse<String> bare = send(HttpRequest.newBuilder(oldPeriod).header("Authorization", basic)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(bare.statusCode()).as("no body, no custom header (a no-cors fetch)").isEqualTo(415);
        assertThat(Db.count("SELECT COUNT(*) FROM settlement_run WHERE period = 202001")).as("nothing started").isZero();

        // the same origin, with JSON or the custom header, reaches the method (which refuses a period not ended)
        String future = TestClock.currentPeriod().plusMonths(2).format(DateTimeFormatter.ofPattern("yyyyMM"));
        HttpResponse<String> sameSite = send(HttpRequest.newBuilder(URI.create(base + "/api/admin/settlement/runs/" + future))
                .header("Authorization", basic).header("Origin", base).header("Sec-Fetch-Site", "same-origin")
                .header("X-Requested-By", "console").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(sameSite.statusCode()).as(sameSite.body()).isEqualTo(400);
        assertThat(sameSite.body()).contains("can only be previewed");
    }

    @Test
    void anUnknownUserCostsWhatAWrongPasswordOfARealOneCosts() {
        String real = "it-timing-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api("POST", "/api/admin/users", adminUser(), adminPassword(), "{\"username\":\"" + real
                + "\",\"password\":\"timing-pass-0001\",\"roles\":[\"operator\"]}").statusCode()).isEqualTo(201);
        // warm-up of both paths, then four of each, interleaved (five failures are free: no lock interferes)
        api("GET", "/api/admin/me", real, "wrong-0", null);
        api("GET", "/api/admin/me", "nobody-warm-" + real, "wrong-0", null);
        List<Long> realNanos = new ArrayList<>();
        List<Long> unknownNanos = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            long t0 = System.nanoTime();
            assertThat(api("GET", "/api/admin/me", real, "wrong-" + i, null).statusCode()).isEqualTo(401);
            long t1 = System.nanoTime();
            assertThat(api("GET", "/api/admin/me", "nobody-" + i + "-" + real, "wrong-" + i, null).statusCode()).isEqualTo(401);
            long t2 = System.nanoTime();
            realNanos.add(t1 - t0);
            unknownNanos.add(t2 - t1);
        }
        double realMedian = median(realNanos);
        double unknownMedian = median(unknownNanos);
        // before: 150 ms against 3.8 ms (39x), so response times told which user names exist
        assertThat(Math.max(realMedian, unknownMedian) / Math.min(realMedian, unknownMedian))
                .as("real user %.1f ms, unknown user %.1f ms", realMedian / 1e6, unknownMedian / 1e6).isLessThan(3.0);
        assertThat(api("GET", "/api/admin/me", real, "timing-pass-0001", null).statusCode()).isEqualTo(200);
    }

    @Test
    void repeatedFailuresLockTheUserUntilAnAdminUnlocksIt() {
        String name = "it-locked-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "locked-pass-0001";
        assertThat(api("POST", "/api/admin/users", adminUser(), adminPassword(), "{\"username\":\"" + name
                + "\",\"password\":\"" + password + "\",\"roles\":[\"operator\"]}").statusCode()).isEqualTo(201);
        for (int i = 1; i <= 5; i++) {
            assertThat(api("GET", "/api/admin/me", name, "guess-" + i, null).statusCode()).as("failure " + i).isEqualTo(401);
        }
        HttpResponse<String> sixth = api("GET", "/api/admin/me", name, "guess-6", null);
        assertThat(sixth.statusCode()).as("the sixth failure locks").isEqualTo(429);
        HttpResponse<String> right = api("GET", "/api/admin/me", name, password, null);
        assertThat(right.statusCode()).as("locked: even the right password waits").isEqualTo(429);
        assertThat(Long.parseLong(right.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 16L);
        assertThat(right.body()).contains("login.locked");
        assertThat(Console.browser().login(name, password).body()).contains("Too many failed logins");

        assertThat(lockedUntil(name)).as("shown to admins").isNotEmpty();
        assertThat(api("POST", "/api/admin/users/" + name + "/unlock", adminUser(), adminPassword(), null).statusCode())
                .isEqualTo(204);
        assertThat(api("GET", "/api/admin/me", name, password, null).statusCode()).as("unlocked").isEqualTo(200);
        assertThat(lockedUntil(name)).isEmpty();

        // a remembered Basic check ends with a password change
        assertThat(api("GET", "/api/admin/me", name, password, null).statusCode()).isEqualTo(200);
        assertThat(api("PUT", "/api/admin/users/" + name + "/password", adminUser(), adminPassword(),
                "{\"password\":\"locked-pass-0002\"}").statusCode()).isEqualTo(204);
        assertThat(api("GET", "/api/admin/me", name, password, null).statusCode()).isEqualTo(401);
        assertThat(api("GET", "/api/admin/me", name, "locked-pass-0002", null).statusCode()).isEqualTo(200);
    }

    /** The user's {@code lockedUntil} in the admin API's user list ("" when not locked). */
    private static String lockedUntil(String user) {
        try {
            for (JsonNode u : new ObjectMapper()
                    .readTree(api("GET", "/api/admin/users", adminUser(), adminPassword(), null).body())) {
                if (u.path("username").asText().equals(user)) {
                    return u.path("lockedUntil").asText("");
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("no user " + user);
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2.0;
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theFirstAdminComesFromTheEnvironmentWithAStrongHashNeverThePassword() {
        Map<String, Object> row = Db.rows("SELECT password_hash, created_by FROM admin_user WHERE username = ?", adminUser()).get(0);
        assertThat(row.get("created_by")).isEqualTo("STALLKEEPER_ADMIN_USER");
        assertThat((String) row.get("password_hash")).startsWith("PBKDF2WithHmacSHA512:210000:").doesNotContain(adminPassword());
        assertThat(Db.value("SELECT role FROM admin_user_role WHERE username = ?", adminUser())).isEqualTo("ADMIN");
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginPageAndGetNoApi() {
        for (String page : PAGES) {
            HttpResponse<String> response = Console.browser().get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElseThrow()).as(page).endsWith("/admin/login.xhtml");
        }
        for (String[] route : API) {
            HttpResponse<String> response = api(route[0], route[1], null, null, route[0].equals("GET") ? null : "{}");
            assertThat(response.statusCode()).as(route[0] + " " + route[1]).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic realm=");
            assertThat(response.headers().firstValue("Set-Cookie")).as("the API never opens a session").isEmpty();
        }
    }

    @Test
    void aWrongPasswordOrADisabledAccountGetsNothing() {
        assertThat(api("GET", "/api/admin/me", adminUser(), "not-the-password-1", null).statusCode()).isEqualTo(401);
        HttpResponse<String> page = Console.browser().login(adminUser(), "not-the-password-1");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("User name or password is wrong");

        String name = "it-temp-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api("POST", "/api/admin/users", adminUser(), adminPassword(),
                "{\"username\":\"" + name + "\",\"password\":\"temporary-pass-01\",\"roles\":[\"operator\"]}").statusCode()).isEqualTo(201);
        Console browser = Console.browser();
        assertThat(browser.login(name, "temporary-pass-01").statusCode()).isEqualTo(302);
        assertThat(browser.get("/admin/index.xhtml").statusCode()).isEqualTo(200);
        assertThat(api("PUT", "/api/admin/users/" + name, adminUser(), adminPassword(), "{\"enabled\":false}").statusCode()).isEqualTo(200);
        assertThat(browser.get("/admin/index.xhtml").statusCode()).as("a disabled user's open session ends").isEqualTo(302);
        assertThat(api("GET", "/api/admin/me", name, "temporary-pass-01", null).statusCode()).isEqualTo(401);
    }

    @Test
    void rolesDecideWhatEachUserMayDo() {
        assertThat(api("GET", "/api/admin/me", OPERATOR, OPERATOR_PASSWORD, null).body()).contains("\"roles\":[\"operator\"]");
        assertThat(api("GET", "/api/admin/instances/summary", FINANCE, FINANCE_PASSWORD, null).statusCode()).isEqualTo(200);
        for (String user : List.of(OPERATOR, FINANCE)) {
            String password = user.equals(OPERATOR) ? OPERATOR_PASSWORD : FINANCE_PASSWORD;
            for (String[] route : API.subList(4, 8)) { // the first four are for every role, the next four admins'

                HttpResponse<String> response = api(route[0], route[1], user, password, route[0].equals("GET") ? null : "{}");
                assertThat(response.statusCode()).as(user + " " + route[0] + " " + route[1]).isEqualTo(403);
            }
            Console browser = Console.browser();
            assertThat(browser.login(user, password).statusCode()).isEqualTo(302);
            assertThat(browser.get("/admin/index.xhtml").statusCode()).isEqualTo(200);
            assertThat(browser.get("/admin/users.xhtml").statusCode()).as(user + " on the users page").isEqualTo(403);
            assertThat(browser.get("/admin/settings.xhtml").statusCode()).as(user + " on the settings page").isEqualTo(403);
            assertThat(browser.get("/admin/instances.xhtml").statusCode()).as(user + " on the instances page").isEqualTo(200);
            assertThat(browser.get("/admin/messages.xhtml").statusCode()).as(user + " on interface messages")
                    .isEqualTo(user.equals(OPERATOR) ? 200 : 403);
            assertThat(browser.get("/admin/products.xhtml").statusCode()).as(user + " on products").isEqualTo(200);
            assertThat(api("GET", "/api/admin/products", user, password, null).statusCode()).isEqualTo(200);
            assertThat(api("PUT", "/api/admin/products/no-such-product", user, password, "{\"displayName\":\"x\"}")
                    .statusCode()).as(user + " names a product: finance may not, an operator may (unknown: 404)")
                    .isEqualTo(user.equals(OPERATOR) ? 404 : 403);
        }
    }

    @Test
    void eachWorkflowsPagesAndApiBelongToItsRolesOnly() {
        Console admin = Console.browser();
        assertThat(admin.login(adminUser(), adminPassword()).statusCode()).isEqualTo(302);
        for (String user : List.of(OPERATOR, FINANCE)) {
            String password = user.equals(OPERATOR) ? OPERATOR_PASSWORD : FINANCE_PASSWORD;
            String role = user.equals(OPERATOR) ? "operator" : "finance";
            Console browser = Console.browser();
            assertThat(browser.login(user, password).statusCode()).isEqualTo(302);
            for (String[] entry : BY_ROLE) {
                boolean allowed = entry[1].equals(role);
                int status = entry[0].startsWith("/api/") ? api("GET", entry[0], user, password, null).statusCode()
                        : browser.get(entry[0]).statusCode();
                assertThat(status).as(user + " on " + entry[0]).isEqualTo(allowed ? 200 : 403);
                int asAdmin = entry[0].startsWith("/api/") ? api("GET", entry[0], adminUser(), adminPassword(), null)
                        .statusCode() : admin.get(entry[0]).statusCode();
                assertThat(asAdmin).as("admin on " + entry[0]).isEqualTo(200);
            }
        }
    }

    @Test
    void loginChangesTheSessionIdAndLogoutEndsTheSession() {
        Console browser = Console.browser();
        browser.get("/admin/login.xhtml");
        HttpResponse<String> login = browser.login(adminUser(), adminPassword());
        assertThat(login.statusCode()).isEqualTo(302);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("STALLKEEPER_SESSION=").contains("HttpOnly").contains("SameSite=Strict");
        assertThat(browser.get("/admin/index.xhtml").body()).contains(adminUser()).contains("Instances by state");

        HttpResponse<String> logout = browser.submit("/admin/index.xhtml", "logout", Map.of("logout:submit", "Log out"));
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(browser.get("/admin/index.xhtml").statusCode()).isEqualTo(302);
    }

    @Test
    void aFormPostedWithoutItsTokenChangesNothing() {
        Console browser = Console.browser();
        assertThat(browser.login(adminUser(), adminPassword()).statusCode()).isEqualTo(302);
        Map<String, String> fields = Map.of("create", "create", "create:username", "it-forged",
                "create:password", "forged-password-1", "create:roles", "admin", "create:submit", "Create user");
        HttpResponse<String> noToken = browser.post("/admin/users.xhtml", fields);
        HttpResponse<String> forgedToken = browser.post("/admin/users.xhtml",
                new java.util.HashMap<>(Map.of("create", "create", "create:username", "it-forged",
                        "create:password", "forged-password-1", "create:roles", "admin", "create:submit", "Create user",
                        "jakarta.faces.ViewState", "-1234567890:987654321")));
        assertThat(forgedToken.statusCode()).isEqualTo(403);
        assertThat(forgedToken.body()).contains("nothing was changed");
        assertThat(noToken.body()).doesNotContain("User it-forged created");
        assertThat(Db.count("SELECT COUNT(*) FROM admin_user WHERE username = 'it-forged'")).isZero();

        HttpResponse<String> created = browser.submit("/admin/users.xhtml", "create", Map.of("create:username", "it-form-made",
                "create:password", "form-password-01", "create:roles", "finance", "create:submit", "Create user"));
        assertThat(created.statusCode()).as("with its token the same form works").isEqualTo(302);
        assertThat(Db.count("SELECT COUNT(*) FROM admin_user WHERE username = 'it-form-made'")).isEqualTo(1);
        assertThat(api("POST", "/api/admin/users", adminUser(), null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void markupInNamesIsShownAsTextAndApiWritesNeedJson() {
        String name = "it-markup-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> created = api("POST", "/api/admin/users", adminUser(), adminPassword(),
                "{\"username\":\"" + name + "\",\"displayName\":\"<img src=x onerror=alert(1)>\",\"password\":\"markup-pass-001\",\"roles\":[\"finance\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        Console browser = Console.browser();
        browser.login(adminUser(), adminPassword());
        String page = browser.get("/admin/users.xhtml").body();
        assertThat(page).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x");

        HttpResponse<String> formPost = Console.browser().post("/api/admin/users", Map.of("username", "x"));
        assertThat(formPost.statusCode()).isIn(401, 415);
        HttpResponse<String> asForm = api("POST", "/api/admin/users", adminUser(), adminPassword(), null);
        assertThat(asForm.statusCode()).isEqualTo(415);
        HttpResponse<String> refused = api("POST", "/api/admin/users", adminUser(), adminPassword(),
                "{\"username\":\"it-weak\",\"password\":\"short\",\"roles\":[\"finance\"]}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("at least 12 characters");
    }

    @Test
    void theLastAdminCannotLockEveryoneOut() {
        HttpResponse<String> demote = api("PUT", "/api/admin/users/" + adminUser(), adminUser(), adminPassword(),
                "{\"roles\":[\"finance\"]}");
        assertThat(demote.statusCode()).isEqualTo(400);
        assertThat(demote.body()).contains("last enabled admin");
        assertThat(api("GET", "/api/admin/users", adminUser(), adminPassword(), null).statusCode()).isEqualTo(200);
    }
}
