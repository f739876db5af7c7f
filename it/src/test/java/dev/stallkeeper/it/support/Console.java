package dev.stallkeeper.it.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The admin console and admin API over plain HTTP, as a browser or a script would use them. */
public final class Console {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]*)\"");

    private final HttpClient http;

    private Console(HttpClient http) {
        this.http = http;
    }

    /** A browser-like client: keeps cookies, does not follow redirects (tests look at them). */
    public static Console browser() {
        return new Console(HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    public static URI url(String path) {
        return URI.create("http://127.0.0.1:" + Integer.getInteger("it.http.port") + path);
    }

    public static String adminUser() {
        return System.getProperty("it.admin.user");
    }

    public static String adminPassword() {
        return System.getProperty("it.admin.password");
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(url(path)).GET().build());
    }

    /** Posts a form as the browser would, with the fields given (no token unless the caller adds one). */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(url(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Fetches the page, then posts the named form with its own ViewState token and the given fields. */
    public HttpResponse<String> submit(String path, String formId, Map<String, String> fields) {
        HttpResponse<String> page = get(path);
        Map<String, String> all = new LinkedHashMap<>();
        all.put(formId, formId);
        all.putAll(fields);
        all.put("jakarta.faces.ViewState", viewState(page.body(), formId));
        return post(path, all);
    }

    public HttpResponse<String> login(String user, String password) {
        return submit("/admin/login.xhtml", "login", Map.of("login:username", user, "login:password", password,
                "login:submit", "Log in"));
    }

    public static String viewStateOf(String html, String formId) {
        return viewState(html, formId);
    }

    /** The ViewState of the form with that id (every form on a page carries the same view's token). */
    static String viewState(String html, String formId) {
        int form = html.indexOf("id=\"" + formId + "\"");
        Matcher m = VIEW_STATE.matcher(html);
        if (form < 0 || !m.find(form)) {
            throw new IllegalStateException("no form " + formId + " with a ViewState in the page");
        }
        return m.group(1);
    }

    /** Creates a console user with one role through the admin API, unless it exists. */
    public static void ensureUser(String username, String password, String role) {
        if (Db.count("SELECT COUNT(*) FROM admin_user WHERE username = ?", username) == 0) {
            HttpResponse<String> created = api("POST", "/api/admin/users", adminUser(), adminPassword(),
                    "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"roles\":[\"" + role + "\"]}");
            if (created.statusCode() != 201) {
                throw new IllegalStateException("user " + username + " not created: " + created.body());
            }
        }
    }

    public static HttpResponse<String> api(String method, String path, String user, String password, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        } else if (!"GET".equals(method)) {
            request.header("X-Requested-By", "stallkeeper-it"); // a change without a body (the admin API's rule)
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return new Console(HttpClient.newHttpClient()).send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
