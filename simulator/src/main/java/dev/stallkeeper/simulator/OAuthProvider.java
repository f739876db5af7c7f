package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stallkeeper.protocol.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's identity service as KooGallery's unified login plays it (spec §6.3, §6.4), served by the simulator at
 * the documented paths under its base URL, which stands for a tenant's {@code domainName}:
 * <ul>
 *   <li>{@code GET /api/v1/oauth2/authorize?client_id&redirect_uri&response_type=code&scope&state} signs in the user
 *       named by {@code login_hint} (a page with a form when absent) and answers 302 to {@code redirect_uri} with
 *       {@code code}, {@code tenant} and {@code state} (when sent);</li>
 *   <li>{@code POST /api/v1/oauth2/token} (form) exchanges a code (single use: a second use is 400
 *       {@code invalid_grant}) or a refresh token; a wrong client is 403 {@code invalid_client};</li>
 *   <li>{@code GET /api/v1/oauth2/userinfo} with {@code Authorization: Bearer} answers the user (401 otherwise);</li>
 *   <li>{@code GET /api/v1/logout?redirect_url=} answers 302 to {@code redirect_url}.</li>
 * </ul>
 * Clients and users are registered in-process or through the simulator's admin API. In memory: the simulator
 * is a test peer. Thread-safe.
 */
public final class OAuthProvider {

    public static final String AUTHORIZE_PATH = "/api/v1/oauth2/authorize";
    public static final String TOKEN_PATH = "/api/v1/oauth2/token";
    public static final String USERINFO_PATH = "/api/v1/oauth2/userinfo";
    public static final String LOGOUT_PATH = "/api/v1/logout";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Token> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final List<Map<String, String>> tokenRequests = Collections.synchronizedList(new ArrayList<>());
    private volatile Duration accessTokenLifetime = Duration.ofSeconds(7200);

    /** An OAuth client KooGallery created for (tenant, app): what applicationSync carries. */
    public record Client(String clientId, String clientSecret, String tenantId) {
    }

    /** A user of a tenant, as userinfo describes it. */
    public record User(String tenantId, String userName, String name, String role, String email, String mobile,
                       String organizationCode, String organizationName) {
    }

    private record Grant(Client client, User user, String redirectUri) {
    }

    private record Token(Grant grant, Instant expiresAt) {
    }

    OAuthProvider(Clock clock) {
        this.clock = clock;
    }

    void install(HttpServer http) {
        http.createContext(AUTHORIZE_PATH, this::authorize);
        http.createContext(TOKEN_PATH, this::token);
        http.createContext(USERINFO_PATH, this::userinfo);
        http.createContext(LOGOUT_PATH, this::logout);
    }

    public void registerClient(Client client) {
        clients.put(Objects.requireNonNull(client.clientId(), "clientId"), client);
    }

    public void registerUser(User user) {
        users.put(key(user.tenantId(), user.userName()), user);
    }

    /** Access tokens issued from now on live this long (refresh tests use a short one). */
    public void setAccessTokenLifetime(Duration lifetime) {
        this.accessTokenLifetime = lifetime;
    }

    /** Issues a code as the unified-login portal does for a web login (§6.3: no state), for tests and scripts. */
    public String issueCode(String clientId, String userName, String redirectUri) {
        Client client = clients.get(clientId);
        User user = client == null ? null : users.get(key(client.tenantId(), userName));
        if (user == null) {
            throw new IllegalArgumentException("unknown client or user");
        }
        String code = random();
        codes.put(code, new Grant(client, user, redirectUri));
        return code;
    }

    /** The form fields of every token request received, in order (a snapshot). */
    public List<Map<String, String>> tokenRequests() {
        synchronized (tokenRequests) {
            return List.copyOf(tokenRequests);
        }
    }

    private static String key(String tenant, String userName) {
        return tenant + "\n" + userName;
    }

    private static String random() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private void authorize(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            Map<String, String> q = HttpExchanges.queryParams(exchange.getRequestURI().getRawQuery());
            Client client = clients.get(q.getOrDefault("client_id", ""));
            String redirectUri = q.get("redirect_uri");
            if (client == null || redirectUri == null || !"code".equals(q.get("response_type"))) {
                oauthError(exchange, 400, "invalid_request", "unknown client_id, or redirect_uri/response_type missing");
                return;
            }
            String login = q.get("login_hint");
            if (login == null || login.isBlank()) {
                loginPage(exchange, q);
                return;
            }
            User user = users.get(key(client.tenantId(), login));
            if (user == null) {
                oauthError(exchange, 400, "access_denied", "no such user in tenant " + client.tenantId());
                return;
            }
            String code = random();
            codes.put(code, new Grant(client, user, redirectUri));
            StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?')
                    .append("code=").append(enc(code)).append("&tenant=").append(enc(client.tenantId()));
            if (q.get("state") != null) {
                location.append("&state=").append(enc(q.get("state")));
            }
            redirect(exchange, location.toString());
        }
    }

    private void loginPage(HttpExchange exchange, Map<String, String> q) throws IOException {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Simulated "
                + "unified login</title></head><body><h1>Simulated KooGallery unified login</h1><form method=\"get\">");
        for (Map.Entry<String, String> e : q.entrySet()) {
            html.append("<input type=\"hidden\" name=\"").append(escape(e.getKey())).append("\" value=\"")
                    .append(escape(e.getValue())).append("\">");
        }
        html.append("<label>User name <input name=\"login_hint\"></label> <button>Sign in</button></form></body></html>");
        byte[] body = html.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html;charset=UTF-8");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            if (!"POST".equals(exchange.getRequestMethod())) {
                oauthError(exchange, 405, "invalid_request", "POST required");
                return;
            }
            Map<String, String> form = formParams(new String(raw, StandardCharsets.UTF_8));
            tokenRequests.add(Map.copyOf(form));
            Client client = clients.get(form.getOrDefault("client_id", ""));
            if (client == null || !client.clientSecret().equals(form.get("client_secret"))) {
                oauthError(exchange, 403, "invalid_client", "Invalid client");
                return;
            }
            Grant grant;
            switch (form.getOrDefault("grant_type", "")) {
                case "authorization_code" -> {
                    grant = codes.remove(form.getOrDefault("code", ""));
                    if (grant == null || !grant.client().clientId().equals(client.clientId())
                            || (form.get("redirect_uri") != null && grant.redirectUri() != null
                            && !grant.redirectUri().equals(form.get("redirect_uri")))) {
                        oauthError(exchange, 400, "invalid_grant", "Invalid authorization code");
                        return;
                    }
                }
                case "refresh_token" -> {
                    grant = refreshTokens.get(form.getOrDefault("refresh_token", ""));
                    if (grant == null || !grant.client().clientId().equals(client.clientId())) {
                        oauthError(exchange, 400, "invalid_grant", "Invalid refresh token");
                        return;
                    }
                }
                default -> {
                    oauthError(exchange, 400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
                    return;
                }
            }
            String access = random();
            Duration lifetime = accessTokenLifetime;
            accessTokens.put(access, new Token(grant, clock.instant().plus(lifetime)));
            String refresh = form.get("refresh_token");
            if (refresh == null) {
                refresh = random();
                refreshTokens.put(refresh, grant);
            }
            ObjectNode answer = Json.mapper().createObjectNode();
            answer.put("access_token", access);
            answer.put("token_type", "Bearer");
            answer.put("expires_in", lifetime.toSeconds());
            answer.put("scope", "get_user_info");
            answer.put("refresh_token", refresh);
            send(exchange, 200, answer);
        }
    }

    private void userinfo(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            Token token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? accessTokens.get(auth.substring(7).trim()) : null;
            if (token == null || clock.instant().isAfter(token.expiresAt())) {
                oauthError(exchange, 401, "invalid_token", "Invalid access token");
                return;
            }
            User u = token.grant().user();
            ObjectNode info = Json.mapper().createObjectNode();
            info.put("id", u.userName());
            info.put("userId", u.userName());
            info.put("userName", u.userName());
            info.put("name", u.name());
            info.put("email", u.email());
            info.put("mobile", u.mobile());
            info.put("role", u.role());
            info.put("organizationName", u.organizationName());
            info.put("organizationCode", u.organizationCode());
            info.put("projectName", "");
            info.put("tenant", u.tenantId());
            send(exchange, 200, info);
        }
    }

    private void logout(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String target = HttpExchanges.queryParams(exchange.getRequestURI().getRawQuery()).get("redirect_url");
            if (target == null || target.isBlank()) {
                oauthError(exchange, 400, "invalid_request", "redirect_url missing");
                return;
            }
            redirect(exchange, target);
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", URI.create(location).toString());
        exchange.sendResponseHeaders(302, -1);
    }

    private static void oauthError(HttpExchange exchange, int status, String error, String description)
            throws IOException {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("error", error);
        body.put("error_description", description);
        send(exchange, status, body);
    }

    private static void send(HttpExchange exchange, int status, ObjectNode json) throws IOException {
        byte[] body = Json.write(json);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** application/x-www-form-urlencoded: {@code +} is a space. */
    static Map<String, String> formParams(String body) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                params.putIfAbsent(java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed pair is ignored, as servers do
            }
        }
        return params;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
