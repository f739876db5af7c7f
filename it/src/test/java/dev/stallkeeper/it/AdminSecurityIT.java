package dev.stallkeeper.it;

import static dev.stallkeeper.it.support.Console.adminPassword;
import static dev.stallkeeper.it.support.Console.adminUser;
import static dev.stallkeeper.it.support.Console.api;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stallkeeper.it.clock.TestClock;
import dev.stallkeeper.it.support.Console;
import dev.stallkeeper.it.support.Db;
import dev.stallkeeper.it.support.Deployments;
import java.net.http.HttpResponse;
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
