package dev.stallkeeper.tenancy.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.MalformedBodyException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The OAuth 2.0 endpoints of a tenant's identity service under its {@code domainName} (spec §6.3): token
 * ({@code POST /api/v1/oauth2/token}, form-encoded) and userinfo ({@code GET /api/v1/oauth2/userinfo}, Bearer).
 * Plain {@link HttpClient}: two calls with a form body need no OAuth library. No redirects are followed, and
 * tokens are never logged.
 */
public final class IdentityServiceClient {

    public static final String AUTHORIZE_PATH = "/api/v1/oauth2/authorize";
    public static final String TOKEN_PATH = "/api/v1/oauth2/token";
    public static final String USERINFO_PATH = "/api/v1/oauth2/userinfo";
    public static final String LOGOUT_PATH = "/api/v1/logout";
    /** The largest token or userinfo answer read (they are a few hundred bytes). */
    public static final int MAX_ANSWER_BYTES = 64 * 1024;

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String domainName;
    private final Duration timeout;

    /** What the token endpoint answered: tokens, or the OAuth error (e.g. {@code invalid_grant}) with its status. */
    public record TokenAnswer(int status, String accessToken, String refreshToken, long expiresIn, String error,
                              String errorDescription) {
        public boolean ok() {
            return status == 200 && accessToken != null && !accessToken.isEmpty();
        }
    }

    /**
     * @param domainName the tenant's identity-service base URL (scheme://host[:port][/path]), without a trailing slash
     */
    public IdentityServiceClient(String domainName, Duration timeout) {
        String base = domainName;
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        this.domainName = base;
        this.timeout = timeout;
    }

    public URI uri(String path) {
        return URI.create(domainName + path);
    }

    /** The authorize URL of the §6.4 flow with our state. */
    public URI authorizeUri(String clientId, String redirectUri, String state) {
        return URI.create(domainName + AUTHORIZE_PATH + "?" + form(Map.of("client_id", clientId,
                "redirect_uri", redirectUri, "response_type", "code", "scope", "get_user_info", "state", state),
                "client_id", "redirect_uri", "response_type", "scope", "state"));
    }

    /** The logout URL that sends the browser on to {@code redirectUrl}. */
    public URI logoutUri(String redirectUrl) {
        return URI.create(domainName + LOGOUT_PATH + "?redirect_url=" + URLEncoder.encode(redirectUrl, StandardCharsets.UTF_8));
    }

    public TokenAnswer exchangeCode(String clientId, String clientSecret, String code, String redirectUri)
            throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.put("code", code);
        form.put("grant_type", "authorization_code");
        if (redirectUri != null) {
            form.put("redirect_uri", redirectUri);
        }
        return token(form);
    }

    public TokenAnswer refresh(String clientId, String clientSecret, String refreshToken)
            throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return token(form);
    }

    /** The userinfo object, or null when the token is refused (401) or the answer is not a JSON object. */
    public ObjectNode userinfo(String accessToken) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(USERINFO_PATH)).timeout(timeout)
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").GET().build();
        Answer response = send(request);
        if (response.status() != 200) {
            return null;
        }
        return parse(response.body());
    }

    private TokenAnswer token(Map<String, String> form) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(TOKEN_PATH)).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(form, form.keySet().toArray(String[]::new))))
                .build();
        Answer response = send(request);
        ObjectNode body = parse(response.body());
        if (body == null) {
            return new TokenAnswer(response.status(), null, null, 0, "invalid_response", "not a JSON object");
        }
        return new TokenAnswer(response.status(), text(body, "access_token"), text(body, "refresh_token"),
                body.path("expires_in").asLong(0), text(body, "error"), text(body, "error_description"));
    }

    private static String form(Map<String, String> values, String... order) {
        StringJoiner out = new StringJoiner("&");
        for (String name : order) {
            out.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(values.get(name), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private record Answer(int status, byte[] body) {
    }

    /** The answer, read up to {@link #MAX_ANSWER_BYTES}: a larger one is an error, not a heap's worth of bytes. */
    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(MAX_ANSWER_BYTES + 1);
            if (body.length > MAX_ANSWER_BYTES) {
                throw new IOException("the identity service answered more than " + MAX_ANSWER_BYTES + " bytes");
            }
            return new Answer(response.statusCode(), body);
        }
    }

    private static ObjectNode parse(byte[] body) {
        try {
            return Json.parseObject(body);
        } catch (MalformedBodyException e) {
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n != null && n.isValueNode() && !n.isNull() ? n.asText() : null;
    }
}
