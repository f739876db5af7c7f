package dev.stallkeeper.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallkeeper.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuthProviderTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private OpenApiServer server;

    @BeforeEach
    void start() {
        server = OpenApiServer.start("127.0.0.1", 0, "ak", "sk");
        server.oauth().registerClient(new OAuthProvider.Client("c1", "s3cret", "t1"));
        server.oauth().registerUser(new OAuthProvider.User("t1", "alice", "Alice", "admin", "a@example.com", null,
                "ORG1", "Org"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String pathAndQuery, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUri() + pathAndQuery)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> token(String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUri() + OAuthProvider.TOKEN_PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) {
        return Json.parseObject(r.body().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void authorizationCodeFlowWithSingleUseCodesRefreshAndUserinfo() throws Exception {
        HttpResponse<String> auth = get(OAuthProvider.AUTHORIZE_PATH + "?client_id=c1&redirect_uri="
                + "http%3A%2F%2Fapp%2Fcb&response_type=code&scope=get_user_info&state=S1&login_hint=alice", null);
        assertThat(auth.statusCode()).isEqualTo(302);
        String location = auth.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("http://app/cb?code=").contains("&tenant=t1").endsWith("&state=S1");
        String code = location.replaceAll(".*code=([^&]+).*", "$1");

        String form = "client_id=c1&client_secret=s3cret&code=" + code + "&grant_type=authorization_code";
        HttpResponse<String> first = token(form);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first).path("token_type").asText()).isEqualTo("Bearer");
        assertThat(json(first).path("expires_in").asLong()).isEqualTo(7200);
        HttpResponse<String> again = token(form);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again).path("error").asText()).isEqualTo("invalid_grant");

        HttpResponse<String> info = get(OAuthProvider.USERINFO_PATH, json(first).path("access_token").asText());
        assertThat(json(info).path("userName").asText()).isEqualTo("alice");
        assertThat(json(info).path("tenant").asText()).isEqualTo("t1");
        assertThat(get(OAuthProvider.USERINFO_PATH, "wrong").statusCode()).isEqualTo(401);

        HttpResponse<String> refreshed = token("client_id=c1&client_secret=s3cret&grant_type=refresh_token&refresh_token="
                + json(first).path("refresh_token").asText());
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(token("client_id=c1&client_secret=s3cret&grant_type=refresh_token&refresh_token=nope").statusCode())
                .isEqualTo(400);
        assertThat(server.oauth().tokenRequests()).hasSize(4);
    }

    @Test
    void wrongClientIsForbiddenAndLogoutRedirects() throws Exception {
        String code = server.oauth().issueCode("c1", "alice", "http://app/cb");
        HttpResponse<String> r = token("client_id=c1&client_secret=wrong&code=" + code + "&grant_type=authorization_code");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).path("error").asText()).isEqualTo("invalid_client");
        HttpResponse<String> out = get(OAuthProvider.LOGOUT_PATH + "?redirect_url=https%3A%2F%2Fapp%2Fbye", null);
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.headers().firstValue("Location")).contains("https://app/bye");
        HttpResponse<String> page = get(OAuthProvider.AUTHORIZE_PATH + "?client_id=c1&redirect_uri=x&response_type=code"
                + "&state=%22%3E%3Cscript%3E", null);
        assertThat(page.body()).contains("login_hint").doesNotContain("<script>");
    }
}
