import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.simulator.CallbackClient;
import dev.stallkeeper.simulator.CallbackResult;
import dev.stallkeeper.simulator.ServeAdminClient;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fleet test's client side (it/fleet/run), run as a single-file program on the simulator's class path:
 * <pre>
 *   duplicates URL KEY ORDER_ID N        N concurrent newInstance calls for one order line: one instanceId in all answers
 *   delay SERVE_URL AK SK MILLIS         hold the simulator's Query Order answers back
 *   login BASE USER PASSWORD FILE        log in to the console through BASE; the session cookie goes to FILE
 *   console BASE FILE                    the session in FILE still opens the dashboard (exit 1 if not)
 *   watch BASE FILE STOP                 that, twice a second until the file STOP exists; prints how many checks
 * </pre>
 */
public class FleetDriver {

    public static void main(String[] args) throws Exception {
        int code = switch (args.length == 0 ? "" : args[0]) {
            case "duplicates" -> duplicates(URI.create(args[1]), args[2], args[3], Integer.parseInt(args[4]));
            case "delay" -> {
                new ServeAdminClient(URI.create(args[1]), args[2], args[3]).delay(Duration.ofMillis(Long.parseLong(args[4])));
                yield 0;
            }
            case "login" -> login(URI.create(args[1]), args[2], args[3], Path.of(args[4]));
            case "console" -> console(URI.create(args[1]), Path.of(args[2]));
            case "watch" -> watch(URI.create(args[1]), Path.of(args[2]), Path.of(args[3]));
            default -> {
                System.err.println("usage: FleetDriver duplicates|delay|login|console ...");
                yield 2;
            }
        };
        System.exit(code);
    }

    static int duplicates(URI url, String key, String orderId, int n) {
        CallbackClient client = new CallbackClient(url, key, CallbackClient.defaultHttpClient(), Duration.ofSeconds(30));
        List<CompletableFuture<CallbackResult>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("activity", "newInstance");
            body.put("orderId", orderId);
            body.put("orderLineId", orderId + "-000001");
            body.put("businessId", orderId.toLowerCase() + "-call-" + i);
            body.put("customerId", "fleet-customer");
            body.put("testFlag", "0");
            calls.add(client.sendAsync(body));
        }
        Map<String, Integer> ids = new TreeMap<>();
        Map<String, Integer> codes = new TreeMap<>();
        for (CompletableFuture<CallbackResult> f : calls) {
            CallbackResult r = f.join();
            codes.merge(String.valueOf(r.resultCode()), 1, Integer::sum);
            String id = r.json() == null ? null : r.json().path("instanceId").asText(null);
            ids.merge(String.valueOf(id), 1, Integer::sum);
        }
        System.out.println("duplicates: result codes " + codes + ", instanceIds " + ids);
        boolean ok = ids.size() == 1 && !ids.containsKey("null")
                && codes.keySet().stream().allMatch(c -> c.equals("000000") || c.equals("000004"));
        return ok ? 0 : 1;
    }

    private static final Pattern HIDDEN = Pattern.compile("<input[^>]*type=\"hidden\"[^>]*>");
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");

    static int login(URI base, String user, String password, Path cookieFile) throws IOException, InterruptedException {
        CookieManager cookies = new CookieManager();
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI loginPage = base.resolve("/admin/login.xhtml");
        String page = http.send(HttpRequest.newBuilder(loginPage).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        int form = page.indexOf("id=\"login\"");
        int end = page.indexOf("</form>", Math.max(form, 0));
        if (form < 0 || end < 0) {
            System.err.println("login: no login form at " + loginPage);
            return 1;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(page.substring(form, end));
        while (m.find()) {
            Matcher name = NAME.matcher(m.group());
            Matcher value = VALUE.matcher(m.group());
            if (name.find()) {
                fields.put(unescape(name.group(1)), value.find() ? unescape(value.group(1)) : "");
            }
        }
        fields.put("login:username", user);
        fields.put("login:password", password);
        fields.put("login:submit", "login");
        StringBuilder form1 = new StringBuilder();
        fields.forEach((k, v) -> form1.append(form1.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(loginPage)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", base.getScheme() + "://" + base.getAuthority())
                .POST(HttpRequest.BodyPublishers.ofString(form1.toString())).build(), HttpResponse.BodyHandlers.ofString());
        String session = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("STALLKEEPER_SESSION"))
                .map(HttpCookie::getValue).reduce((a, b) -> b).orElse(null);
        if (session == null || answer.body().contains("id=\"login:password\"")) {
            System.err.println("login: refused (HTTP " + answer.statusCode() + ")");
            return 1;
        }
        Files.writeString(cookieFile, session);
        System.out.println("login: session on node " + session.substring(session.lastIndexOf('.') + 1));
        return 0;
    }

    static int console(URI base, Path cookieFile) throws IOException, InterruptedException {
        String session = Files.readString(cookieFile).trim();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve("/admin/index.xhtml"))
                .header("Cookie", "STALLKEEPER_SESSION=" + session).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        boolean loggedIn = page.statusCode() == 200 && !page.body().contains("id=\"login:password\"");
        if (!loggedIn) {
            System.err.println("console: session lost (HTTP " + page.statusCode() + ")");
        }
        return loggedIn ? 0 : 1;
    }

    static int watch(URI base, Path cookieFile, Path stop) throws IOException, InterruptedException {
        int checks = 0;
        while (!Files.exists(stop)) {
            if (console(base, cookieFile) != 0) {
                System.out.println("watch: session lost after " + checks + " checks");
                return 1;
            }
            checks++;
            Thread.sleep(500); // the pace of the checks, not a wait for something
        }
        System.out.println("watch: " + checks + " checks passed");
        return 0;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String unescape(String s) {
        return s.replace("&amp;", "&").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#58;", ":");
    }
}
