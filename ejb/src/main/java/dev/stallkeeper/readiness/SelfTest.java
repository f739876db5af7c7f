package dev.stallkeeper.readiness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.BodySign;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.V2Signature;
import dev.stallkeeper.protocol.order.MockOrders;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import javax.net.ssl.SSLSession;

/**
 * The publishing report's self-test: KooGallery's conformance and security cases for the production address (spec
 * §10.2), sent to this server through its public URL as KooGallery would send them (JDK HTTP client, strict TLS), and
 * what the answers show from outside: TLS and security headers. Every request carries {@code testFlag=1} and a nonce
 * starting {@link Readiness#SELF_TEST_NONCE_PREFIX}: debug calls touch no production record, and the checklist does
 * not count them as KooGallery's. Bounded: 5 s to connect, KooGallery's 20 s per answer, and once the address does
 * not answer at all the remaining cases are not sent.
 */
public final class SelfTest {

    /** KooGallery waits this long for an answer (§4.1). */
    static final Duration DEADLINE = Duration.ofSeconds(20);
    static final String PRODUCE_PATH = "/api/koogallery/produce";
    /** The security headers reported as seen from outside, in this order. */
    static final List<String> SECURITY_HEADERS = List.of("Strict-Transport-Security", "Content-Security-Policy",
            "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy");

    private final HttpClient http;
    private final URI publicUrl;
    private final String key;
    private final Duration window;
    private final int maxBodyBytes;
    private final Clock clock;
    private boolean unreachable;

    /**
     * @param key the key the server verifies with (KOOGALLERY_KEY's first); null: the signed cases cannot be sent
     */
    public SelfTest(HttpClient http, URI publicUrl, String key, Duration window, int maxBodyBytes, Clock clock) {
        this.http = http;
        this.publicUrl = publicUrl;
        this.key = key;
        this.window = window;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    /** The HTTP client the self-test uses: the JDK's default (strict) certificate checks, no redirects. */
    public static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** One case: what was sent, what was expected, what came back, and whether every rule held. */
    public record CaseResult(String name, String reference, String expected, String answer, boolean passed,
                             long millis, List<String> problems) {
    }

    /** TLS as negotiated with the public URL (empty for plain HTTP) and the security headers its console sent. */
    public record Outside(URI address, int status, String tlsProtocol, String cipherSuite, String certificateSubject,
                          String certificateIssuer, Instant certificateNotAfter, Map<String, String> headers,
                          String error) {
    }

    /** Everything the self-test found. */
    public record Result(URI produceAddress, Outside outside, List<CaseResult> cases) {
        public long passed() {
            return cases.stream().filter(CaseResult::passed).count();
        }
    }

    public Result run() {
        Outside outside = outside();
        URI produce = URI.create(publicUrl + PRODUCE_PATH);
        List<CaseResult> cases = new ArrayList<>();
        if (key == null) {
            cases.add(new CaseResult("all cases", "§2.2", "a key to sign with", "not sent", false, 0,
                    List.of("KOOGALLERY_KEY is not set: no request can be signed, so none was sent")));
            return new Result(produce, outside, cases);
        }
        Signed first = signed(debugNewInstance(), nonce(), now());
        Answer firstAnswer = send(produce, first);
        cases.add(verdict("signed debug newInstance (testFlag=1, KooGallery's mock order)", "§1.4.1, §10.2 #1",
                firstAnswer, Set.of("000000", "000004"), firstAnswer.json() != null
                        && !firstAnswer.json().path("instanceId").asText("").isEmpty() ? null : "no instanceId"));
        Answer replay = send(produce, first);
        cases.add(verdict("the same request again (same nonce)", "§2.2.2, §10.2 #11", replay,
                Set.of(firstAnswer.code() == null ? "000000" : firstAnswer.code()),
                replay.json() != null && firstAnswer.json() != null && replay.json().path("instanceId")
                        .equals(firstAnswer.json().path("instanceId")) ? null : "not the first answer again"));
        byte[] other = Json.write(debugNewInstance());
        cases.add(verdict("same nonce, another correctly signed body", "§2.2.2, §10.2 #11",
                send(produce, new Signed(other, first.nonce(), first.timestamp(),
                        V2Signature.sign(key, first.nonce(), first.timestamp(), other))), Set.of("000001"), null));
        Signed unsigned = signed(debugNewInstance(), nonce(), now());
        cases.add(verdict("no signature", "§2.2.2, §10.2 #10", send(produce,
                new Signed(unsigned.body(), unsigned.nonce(), unsigned.timestamp(), null)), Set.of("000001"), null));
        Signed flip = signed(debugNewInstance(), nonce(), now());
        char c = flip.signature().charAt(10);
        String flipped = flip.signature().substring(0, 10) + (c == 'a' ? 'b' : 'a') + flip.signature().substring(11);
        cases.add(verdict("one hex digit of the signature flipped", "§2.2, §10.2 #6", send(produce,
                new Signed(flip.body(), flip.nonce(), flip.timestamp(), flipped)), Set.of("000001"), null));
        Duration beyond = window.plusSeconds(30);
        cases.add(verdict("stale timestamp (now - " + beyond.toSeconds() + " s)", "§2.2.2, §10.2 #8",
                send(produce, signed(debugNewInstance(), nonce(), now().minus(beyond))), Set.of("000002", "000001"),
                null));
        cases.add(verdict("future timestamp (now + " + beyond.toSeconds() + " s)", "§2.2.2, §10.2 #9",
                send(produce, signed(debugNewInstance(), nonce(), now().plus(beyond))), Set.of("000002", "000001"),
                null));
        Signed noNonce = signed(debugNewInstance(), nonce(), now());
        cases.add(verdict("no nonce", "§2.2.2, §10.2 #10", send(produce,
                new Signed(noNonce.body(), null, noNonce.timestamp(), noNonce.signature())), Set.of("000002"), null));
        Signed noTimestamp = signed(debugNewInstance(), nonce(), now());
        cases.add(verdict("no timestamp", "§2.2.2, §10.2 #10", send(produce,
                new Signed(noTimestamp.body(), noTimestamp.nonce(), null, noTimestamp.signature())), Set.of("000002"),
                null));
        byte[] malformed = "{\"activity\":\"newInstance\",\"orderId\":".getBytes(StandardCharsets.UTF_8);
        String n = nonce();
        String ts = Long.toString(now().toEpochMilli());
        String rawSignature = V2Signature.bodyDigest(key, key + n + ts
                + V2Signature.bodyDigest(key, new String(malformed, StandardCharsets.UTF_8)));
        cases.add(verdict("malformed JSON, signed over its bytes", "§1.1, §3", send(produce,
                new Signed(malformed, n, ts, rawSignature)), Set.of("000002"), null));
        ObjectNode unknown = JsonNodeFactory.instance.objectNode().put("activity", "deleteEverything")
                .put("instanceId", "stallkeeper-selftest").put("testFlag", "1");
        cases.add(verdict("unknown activity", "§10.2 #12", send(produce, signed(unknown, nonce(), now())),
                Set.of("000002"), null));
        // last: a server may close the connection on a body this large
        ObjectNode big = debugNewInstance();
        big.put("padding", "x".repeat(maxBodyBytes + 1));
        cases.add(verdict("oversized body (" + (maxBodyBytes + 1) + " bytes of padding, limit " + maxBodyBytes + ")",
                "§3", send(produce, signed(big, nonce(), now())), Set.of("000002"), null));
        return new Result(produce, outside, cases);
    }

    private Outside outside() {
        URI page = URI.create(publicUrl + "/admin/login.xhtml");
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(page).timeout(DEADLINE).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : SECURITY_HEADERS) {
                headers.put(name, response.headers().firstValue(name).orElse(null));
            }
            SSLSession tls = response.sslSession().orElse(null);
            if (tls == null) {
                return new Outside(page, response.statusCode(), null, null, null, null, null, headers, null);
            }
            X509Certificate leaf = leaf(tls);
            return new Outside(page, response.statusCode(), tls.getProtocol(), tls.getCipherSuite(),
                    leaf == null ? null : leaf.getSubjectX500Principal().getName(),
                    leaf == null ? null : leaf.getIssuerX500Principal().getName(),
                    leaf == null ? null : leaf.getNotAfter().toInstant(), headers, null);
        } catch (IOException e) {
            unreachable = true;
            return new Outside(page, -1, null, null, null, null, null, Map.of(), describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unreachable = true;
            return new Outside(page, -1, null, null, null, null, null, Map.of(), "interrupted");
        }
    }

    private static X509Certificate leaf(SSLSession tls) {
        try {
            Certificate[] chain = tls.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private record Signed(byte[] body, String nonce, String timestamp, String signature) {
    }

    /** An answer: HTTP status, headers of interest, the body and its JSON, how long it took; or why there was none. */
    private record Answer(int status, String contentType, String bodySign, byte[] body, JsonNode json, long millis,
                          String error) {
        String code() {
            JsonNode code = json == null ? null : json.get("resultCode");
            return code == null || !code.isTextual() ? null : code.asText();
        }
    }

    private Signed signed(ObjectNode body, String nonce, Instant at) {
        byte[] bytes = Json.write(body);
        String timestamp = Long.toString(at.toEpochMilli());
        return new Signed(bytes, nonce, timestamp, V2Signature.sign(key, nonce, timestamp, bytes));
    }

    private Answer send(URI produce, Signed request) {
        if (unreachable) {
            return new Answer(-1, null, null, new byte[0], null, 0, "not sent: the address did not answer before");
        }
        StringJoiner query = new StringJoiner("&");
        param(query, "signature", request.signature());
        param(query, "timestamp", request.timestamp());
        param(query, "nonce", request.nonce());
        URI uri = URI.create(produce + (query.length() == 0 ? "" : "?" + query));
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(DEADLINE)
                    .header("Content-Type", "application/json;charset=utf8").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.body())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            JsonNode json;
            try {
                json = Json.parseObject(response.body());
            } catch (RuntimeException e) {
                json = null;
            }
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue(BodySign.HEADER).orElse(null), response.body(), json, millis, null);
        } catch (IOException e) {
            unreachable = true;
            return new Answer(-1, null, null, new byte[0], null, Duration.ofNanos(System.nanoTime() - start).toMillis(),
                    describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unreachable = true;
            return new Answer(-1, null, null, new byte[0], null, 0, "interrupted");
        }
    }

    /**
     * The case's verdict: the expected result code, and what every answer to KooGallery must be (HTTP 200, JSON, a
     * 6-character resultCode, a Body-Sign that matches the bytes, within 20 s); {@code extra} a further problem.
     */
    private CaseResult verdict(String name, String reference, Answer answer, Set<String> expected, String extra) {
        String wanted = String.join(" or ", expected.stream().sorted().toList());
        if (answer.error() != null) {
            return new CaseResult(name, reference, wanted, "no answer", false, answer.millis(), List.of(answer.error()));
        }
        List<String> problems = new ArrayList<>();
        String code = answer.code();
        if (code == null || !expected.contains(code)) {
            problems.add("answered " + (code == null ? "no resultCode" : code) + ", expected " + wanted);
        }
        if (answer.status() != 200) {
            problems.add("HTTP " + answer.status() + ", KooGallery expects 200 for every outcome");
        }
        String type = answer.contentType() == null ? "" : answer.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            problems.add("Content-Type " + (answer.contentType() == null ? "missing" : answer.contentType()));
        }
        if (code != null && code.length() != 6) {
            problems.add("resultCode is not 6 characters");
        }
        if (answer.bodySign() == null) {
            problems.add("no Body-Sign header");
        } else if (!BodySign.verify(key, answer.body(), answer.bodySign())) {
            problems.add("Body-Sign does not match the body");
        }
        if (answer.millis() >= DEADLINE.toMillis()) {
            problems.add("answered in " + answer.millis() + " ms; KooGallery gives up after 20 s");
        }
        if (extra != null && problems.isEmpty()) {
            problems.add(extra);
        }
        return new CaseResult(name, reference, wanted, "HTTP " + answer.status() + ", " + (code == null ? "no code" : code),
                problems.isEmpty(), answer.millis(), List.copyOf(problems));
    }

    private static ObjectNode debugNewInstance() {
        return JsonNodeFactory.instance.objectNode().put("activity", "newInstance")
                .put("businessId", UUID.randomUUID().toString())
                .put("orderId", MockOrders.PERIOD_YEAR_NEW)
                .put("orderLineId", MockOrders.PERIOD_YEAR_NEW + MockOrders.ORDER_LINE_SUFFIX)
                .put("testFlag", "1");
    }

    private static String nonce() {
        return Readiness.SELF_TEST_NONCE_PREFIX + UUID.randomUUID().toString().replace("-", "");
    }

    private Instant now() {
        return clock.instant();
    }

    private static void param(StringJoiner query, String name, String value) {
        if (value != null) {
            query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
