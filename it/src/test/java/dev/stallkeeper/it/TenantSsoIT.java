package dev.stallkeeper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallkeeper.it.support.Db;
import dev.stallkeeper.it.support.Deployments;
import dev.stallkeeper.it.support.Kit;
import dev.stallkeeper.it.support.KooGallery;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.simulator.OAuthProvider;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tenant single sign-on (§6.3, §6.4, §10.2 case 30) end to end: the tenant, its OAuth client and its users are
 * synchronised through the Kit interfaces, and the simulator is the tenant's identity service (its base URL is the
 * tenant's domainName). A browser is played by an HTTP client that follows redirects by hand and keeps cookies.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TenantSsoIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private String tenantId;
    private String clientId;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.stallkeeper();
    }

    private static OAuthProvider idp() {
        return KooGallery.openApi().oauth();
    }

    private static String base() {
        return "http://127.0.0.1:" + Integer.getInteger("it.http.port");
    }

    private static String callbackUri() {
        return base() + "/api/sso/callback";
    }

    @BeforeEach
    void tenantWithUsers() {
        tenantId = Kit.uniqueTenantId();
        clientId = "client-" + tenantId.substring(0, 8);
        String secret = "secret-" + tenantId;
        String domain = KooGallery.openApi().baseUri().toString();
        ok(Kit.send("tenantSync", Kit.tenantSync(tenantId, 1, "Tenant <b>&", domain)));
        ok(Kit.send("applicationSync", Kit.applicationSync(tenantId, "app-1", clientId, Kit.encryptForSeller(secret), 1)));
        ok(Kit.send("authSync", Kit.authSync(tenantId, "app-1", 1, "alice", "bob")));
        ok(Kit.send("authSync", Kit.authSync(tenantId, "app-1", 3, "bob")));
        idp().registerClient(new OAuthProvider.Client(clientId, secret, tenantId));
        for (String u : List.of("alice", "bob", "carol")) {
            idp().registerUser(new OAuthProvider.User(tenantId, u, "Name of " + u, "user", u + "@example.com", null,
                    "ORG001", "Org"));
        }
    }

    @AfterEach
    void defaultTokenLifetime() {
        idp().setAccessTokenLifetime(Duration.ofSeconds(7200));
    }

    private static void ok(dev.stallkeeper.simulator.CallbackResult r) {
        assertThat(r.resultCode()).as(r.bodyText()).isEqualTo("000000");
    }

    private HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private HttpResponse<String> post(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** One request as a browser makes it: our cookies out, Set-Cookie in (empty value or Max-Age=0 deletes). */
    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            StringBuilder header = new StringBuilder();
            cookies.forEach((k, v) -> header.append(header.length() == 0 ? "" : "; ").append(k).append('=').append(v));
            request.header("Cookie", header.toString());
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                if (value.isEmpty() || value.equals("\"\"") || set.toLowerCase().contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String location(HttpResponse<?> r) {
        assertThat(r.statusCode()).as("redirect").isIn(302, 303);
        return r.headers().firstValue("Location").orElseThrow();
    }

    private static String absolute(String location) {
        return location.startsWith("/") ? base() + location : location;
    }

    /** /api/sso/login → the identity service (user signs in) → our callback URL with code, tenant and state. */
    private String loginUntilCallback(String user) {
        String authorize = location(get(base() + "/api/sso/login?tenant=" + tenantId));
        assertThat(authorize).startsWith(KooGallery.openApi().baseUri() + OAuthProvider.AUTHORIZE_PATH)
                .contains("response_type=code").contains("scope=get_user_info").contains("state=");
        String callback = location(get(authorize + "&login_hint=" + user));
        assertThat(callback).startsWith(callbackUri()).contains("tenant=" + tenantId);
        return callback;
    }

    private JsonNode me() {
        HttpResponse<String> r = get(base() + "/api/sso/me");
        return r.statusCode() == 200 ? Json.parseObject(r.body().getBytes(StandardCharsets.UTF_8)) : null;
    }

    private static void assertErrorPage(HttpResponse<String> r, int status, String title) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body()).contains(title).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void loginWithOurStateExchangesTheCodeAtTheTenantsDomainAndOpensASession() {
        int before = idp().tokenRequests().size();
        HttpResponse<String> signedIn = get(loginUntilCallback("alice"));
        assertThat(location(signedIn)).isEqualTo(base() + "/api/sso/me");
        assertThat(signedIn.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("STALLKEEPER_SSO=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax"));

        Map<String, String> exchange = idp().tokenRequests().get(before);
        assertThat(exchange).containsEntry("grant_type", "authorization_code").containsEntry("client_id", clientId)
                .containsEntry("client_secret", "secret-" + tenantId).containsKey("code");

        JsonNode me = me();
        assertThat(me).isNotNull();
        assertThat(me.path("userName").asText()).isEqualTo("alice");
        assertThat(me.path("tenantId").asText()).isEqualTo(tenantId);
        assertThat(me.path("name").asText()).isEqualTo("Name of alice");
        assertThat(me.path("appId").asText()).isEqualTo("app-1");
    }

    @Test
    void portalLoginWithoutStateAsksTheBrowserToConfirmWhoItSignsInAs() {
        String code = idp().issueCode(clientId, "alice", callbackUri());
        HttpResponse<String> question = get(callbackUri() + "?code=" + code + "&tenant=" + tenantId);
        assertThat(question.statusCode()).isEqualTo(200);
        assertThat(question.body()).contains("Continue as Name of alice (alice)?").contains("Tenant &lt;b&gt;&amp;")
                .doesNotContain("id=\"replaces\"");
        assertThat(question.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("STALLKEEPER_SSO_CONFIRM=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict"));
        assertThat(me()).as("no session before the browser confirms").isNull();

        HttpResponse<String> confirmed = confirm(token(question));
        assertThat(location(confirmed)).isEqualTo(base() + "/api/sso/me");
        assertThat(me().path("userName").asText()).isEqualTo("alice");
        assertErrorPage(confirm(token(question)), 400, "Sign-in link not valid"); // single use
    }

    @Test
    void aLinkWithSomeoneElsesCodeNeverSilentlyReplacesTheSession() {
        ok(Kit.send("authSync", Kit.authSync(tenantId, "app-1", 1, "mallory")));
        idp().registerUser(new OAuthProvider.User(tenantId, "mallory", "Mallory", "user", "m@example.com", null,
                "ORG001", "Org"));
        get(loginUntilCallback("alice"));
        assertThat(me().path("userName").asText()).isEqualTo("alice");

        // the attacker's own code, sent to the victim as a link (login CSRF)
        String attackersCode = idp().issueCode(clientId, "mallory", callbackUri());
        HttpResponse<String> question = get(callbackUri() + "?code=" + attackersCode + "&tenant=" + tenantId);
        assertThat(question.body()).contains("Continue as Name of mallory (mallory)?").contains("id=\"replaces\"")
                .contains("This replaces your current sign-in as alice");
        assertThat(me().path("userName").asText()).as("still the victim's own session").isEqualTo("alice");

        // another site's form can post the token, but the SameSite=Strict cookie does not come along
        String token = token(question);
        cookies.remove("STALLKEEPER_SSO_CONFIRM");
        assertErrorPage(confirm(token), 400, "Sign-in link not valid");
        assertThat(me().path("userName").asText()).isEqualTo("alice");
    }

    @Test
    void anonymousSignInsAreBoundedPerAddress() {
        try {
            for (int i = 0; i < 100; i++) {
                assertThat(get(base() + "/api/sso/login?tenant=" + tenantId).statusCode()).as("login " + i).isEqualTo(303);
            }
            assertErrorPage(get(base() + "/api/sso/login?tenant=" + tenantId), 429, "Too many sign-in attempts");
            assertThat(Db.count("SELECT COUNT(*) FROM sso_state WHERE tenant_id = ?", tenantId)).isEqualTo(100);
        } finally {
            Db.update("DELETE FROM sso_state WHERE tenant_id = ?", tenantId); // the other tests come from here too
        }
    }

    private HttpResponse<String> confirm(String token) {
        return send(HttpRequest.newBuilder(URI.create(base() + "/api/sso/confirm"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))));
    }

    private static String token(HttpResponse<String> question) {
        return question.body().replaceAll("(?s).*name=\"token\" value=\"([^\"]+)\".*", "$1");
    }

    @Test
    void unknownTenantGetsAnEscapedErrorPage() {
        HttpResponse<String> r = get(callbackUri() + "?code=abc&tenant=" + URLEncoder.encode("<script>x</script>",
                StandardCharsets.UTF_8));
        assertErrorPage(r, 403, "Unknown enterprise");
        assertThat(r.body()).doesNotContain("<script>");
        assertErrorPage(get(base() + "/api/sso/login?tenant=nobody"), 403, "Unknown enterprise");
        assertThat(me()).isNull();
    }

    @Test
    void aTenantWithoutCredentialsOrWithADeadIdentityServiceGetsAClearPage() {
        String bare = Kit.uniqueTenantId();
        ok(Kit.send("tenantSync", Kit.tenantSync(bare, 1, "No app yet", KooGallery.openApi().baseUri().toString())));
        assertErrorPage(get(callbackUri() + "?code=abc&tenant=" + bare), 503, "Sign-in is not set up");

        String dead = Kit.uniqueTenantId();
        ok(Kit.send("tenantSync", Kit.tenantSync(dead, 1, "Down", "http://127.0.0.1:9")));
        ok(Kit.send("applicationSync", Kit.applicationSync(dead, "app-1", "c", Kit.encryptForSeller("s"), 1)));
        assertErrorPage(get(callbackUri() + "?code=abc&tenant=" + dead), 502, "Sign-in service unavailable");
    }

    @Test
    void revokedOrUnknownUsersAreRefusedAndARevocationEndsALiveSession() {
        assertErrorPage(get(loginUntilCallback("bob")), 403, "Not authorised");
        cookies.clear();
        assertErrorPage(get(loginUntilCallback("carol")), 403, "Not authorised");
        cookies.clear();

        get(loginUntilCallback("alice"));
        assertThat(me()).isNotNull();
        ok(Kit.send("authSync", Kit.authSync(tenantId, "app-1", 3, "alice")));
        assertThat(get(base() + "/api/sso/me").statusCode()).isEqualTo(401);
    }

    @Test
    void aReplayedCodeIsRefused() {
        String code = idp().issueCode(clientId, "alice", callbackUri());
        String url = callbackUri() + "?code=" + code + "&tenant=" + tenantId;
        assertThat(get(url).body()).contains("Continue as");
        int exchanges = idp().tokenRequests().size();
        cookies.clear();
        assertErrorPage(get(url), 400, "already used");
        assertThat(idp().tokenRequests()).as("refused before the identity service is asked").hasSize(exchanges);
        assertThat(me()).isNull();
    }

    @Test
    void forgedReusedOrUnboundStatesAreRefused() {
        String code = idp().issueCode(clientId, "alice", callbackUri());
        cookies.put("STALLKEEPER_SSO_STATE", "madeUpState");
        assertErrorPage(get(callbackUri() + "?code=" + code + "&tenant=" + tenantId + "&state=madeUpState"), 400,
                "Sign-in link not valid");

        // a real state, but the callback comes to a browser that did not start the login
        String callback = loginUntilCallback("alice");
        cookies.clear();
        assertErrorPage(get(callback), 400, "Sign-in link not valid");

        // a state used once cannot be used again, even with its cookie
        String second = loginUntilCallback("alice");
        String stateCookie = cookies.get("STALLKEEPER_SSO_STATE");
        assertThat(location(get(second))).isEqualTo(base() + "/api/sso/me");
        String replay = idp().issueCode(clientId, "alice", callbackUri());
        cookies.put("STALLKEEPER_SSO_STATE", stateCookie);
        String state = second.replaceAll(".*[?&]state=([^&]+).*", "$1");
        assertErrorPage(get(callbackUri() + "?code=" + replay + "&tenant=" + tenantId + "&state=" + state), 400,
                "Sign-in link not valid");
    }

    @Test
    void refreshRenewsAnExpiredSession() {
        idp().setAccessTokenLifetime(Duration.ofSeconds(2));
        get(loginUntilCallback("alice"));
        assertThat(me()).isNotNull();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> get(base() + "/api/sso/me").statusCode() == 401);
        idp().setAccessTokenLifetime(Duration.ofSeconds(7200));
        int before = idp().tokenRequests().size();
        HttpResponse<String> refreshed = post(base() + "/api/sso/refresh");
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        assertThat(idp().tokenRequests().get(before)).containsEntry("grant_type", "refresh_token")
                .containsEntry("client_id", clientId).containsKey("refresh_token");
        assertThat(me().path("userName").asText()).isEqualTo("alice");
    }

    @Test
    void logoutEndsTheSessionAndSignsOutAtTheIdentityService() {
        get(loginUntilCallback("alice"));
        String token = cookies.get("STALLKEEPER_SSO");
        assertThat(me()).isNotNull();
        HttpResponse<String> out = get(base() + "/api/sso/logout");
        assertThat(location(out)).startsWith(KooGallery.openApi().baseUri() + OAuthProvider.LOGOUT_PATH + "?redirect_url=");
        assertThat(cookies).doesNotContainKey("STALLKEEPER_SSO");
        cookies.put("STALLKEEPER_SSO", token); // the old cookie no longer opens anything
        assertThat(get(base() + "/api/sso/me").statusCode()).isEqualTo(401);
        assertThat(post(base() + "/api/sso/refresh").statusCode()).isEqualTo(401);
    }
}
