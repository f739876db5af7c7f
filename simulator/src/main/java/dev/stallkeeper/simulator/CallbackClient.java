package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.BodySign;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.V2Signature;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;

/**
 * Sends V2 produce-interface callbacks (§1.1) to a seller's production address the way KooGallery does:
 * {@code POST} with a JSON body and {@code signature}/{@code timestamp}/{@code nonce} query parameters (§2.2).
 *
 * <p>Thread-safe; one instance may carry a whole load run (the underlying {@link HttpClient} pools connections).
 */
public final class CallbackClient {

    /** What KooGallery sends (§1.1), including its unusual charset spelling. */
    static final String REQUEST_CONTENT_TYPE = "application/json;charset=utf8";
    /** Longer than KooGallery's 20 s so that a slow answer is measured and reported rather than cut off. */
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private final URI productionAddress;
    private final String key;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Clock clock;

    /** A client with its own HTTP/1.1 connection pool and a 30 s request timeout. */
    public CallbackClient(URI productionAddress, String key) {
        this(productionAddress, key, defaultHttpClient(), DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * A client on a caller-supplied {@link HttpClient}, e.g. one trusting a test certificate.
     *
     * @param requestTimeout per-request limit; a request that exceeds it fails with
     *                       {@link java.net.http.HttpTimeoutException}
     */
    public CallbackClient(URI productionAddress, String key, HttpClient http, Duration requestTimeout) {
        this(productionAddress, key, http, requestTimeout, Clock.systemUTC());
    }

    /**
     * A client whose timestamps come from {@code clock}: KooGallery's clock as a test sees it (a test that pins
     * the server's clock to a date signs with the same date, or its requests would be out of the window).
     */
    public CallbackClient(URI productionAddress, String key, HttpClient http, Duration requestTimeout, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.productionAddress = Objects.requireNonNull(productionAddress, "productionAddress");
        this.key = Objects.requireNonNull(key, "key");
        this.http = Objects.requireNonNull(http, "http");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    public static HttpClient defaultHttpClient() {
        // HTTP/1.1 as KooGallery; the JDK's HTTP/2 default would send h2c upgrade headers to plain-HTTP endpoints.
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public URI productionAddress() {
        return productionAddress;
    }

    /** A fresh nonce: 32 random hex characters. */
    public static String newNonce() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Serialises {@code body} and signs it with a fresh nonce and the current time in milliseconds. */
    public SignedCallback sign(ObjectNode body) {
        byte[] raw = Json.write(body);
        String nonce = newNonce();
        String timestamp = Long.toString(clock.millis());
        return new SignedCallback(raw, nonce, timestamp, V2Signature.sign(key, nonce, timestamp, raw));
    }

    /**
     * The V2 signature over {@code rawBody} taken as it is, without canonicalisation: what a sender that signs the
     * bytes it sends produces, and the only way to sign a body that is not a JSON object (for hostile-input tests).
     * The seller's verifier accepts it through its raw-body fallback (spec §2.2.3).
     */
    public static String signRaw(String key, String nonce, String timestamp, byte[] rawBody) {
        // signature = hex(HMAC(key, key + nonce + timestamp + hex(HMAC(key, payload)))); bodyDigest is that HMAC.
        String digest = V2Signature.bodyDigest(key, new String(rawBody, StandardCharsets.UTF_8));
        return V2Signature.bodyDigest(key, key + nonce + timestamp + digest);
    }

    /** The key this client signs with (and checks {@code Body-Sign} with). */
    public String key() {
        return key;
    }

    /** Sends {@code body}, correctly signed. */
    public CallbackResult send(ObjectNode body) {
        SignedCallback signed = sign(body);
        return send(signed.body(), signed.nonce(), signed.timestamp(), signed.signature());
    }

    /**
     * Sends exactly these bytes with exactly these query parameters, for crafted and hostile requests.
     * A {@code null} parameter is left out of the query string.
     *
     * @throws UncheckedIOException when no answer arrives (connection refused, timeout, interrupted)
     */
    public CallbackResult send(byte[] rawBody, String nonce, String timestamp, String signature) {
        HttpRequest request = request(rawBody, nonce, timestamp, signature);
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return toResult(response, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new UncheckedIOException("Callback to " + productionAddress + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("Interrupted waiting for " + productionAddress));
        }
    }

    /** Asynchronous {@link #send(ObjectNode)}; the future fails with the transport exception if no answer came. */
    public CompletableFuture<CallbackResult> sendAsync(ObjectNode body) {
        SignedCallback signed = sign(body);
        return sendAsync(signed.body(), signed.nonce(), signed.timestamp(), signed.signature());
    }

    /** Asynchronous {@link #send(byte[], String, String, String)}. */
    public CompletableFuture<CallbackResult> sendAsync(byte[] rawBody, String nonce, String timestamp,
                                                       String signature) {
        HttpRequest request = request(rawBody, nonce, timestamp, signature);
        long start = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> toResult(response, Duration.ofNanos(System.nanoTime() - start)));
    }

    /** The URI a callback with these parameters is posted to; {@code null} parameters are left out. */
    public URI requestUri(String nonce, String timestamp, String signature) {
        StringJoiner query = new StringJoiner("&");
        if (productionAddress.getRawQuery() != null && !productionAddress.getRawQuery().isEmpty()) {
            query.add(productionAddress.getRawQuery());
        }
        addParam(query, "signature", signature);
        addParam(query, "timestamp", timestamp);
        addParam(query, "nonce", nonce);
        String base = productionAddress.toString();
        int cut = base.indexOf('?');
        if (cut < 0) {
            cut = base.indexOf('#');
        }
        if (cut >= 0) {
            base = base.substring(0, cut);
        }
        return URI.create(query.length() == 0 ? base : base + "?" + query);
    }

    private HttpRequest request(byte[] rawBody, String nonce, String timestamp, String signature) {
        return HttpRequest.newBuilder(requestUri(nonce, timestamp, signature))
                .timeout(requestTimeout)
                .header("Content-Type", REQUEST_CONTENT_TYPE)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(rawBody == null ? new byte[0] : rawBody))
                .build();
    }

    private CallbackResult toResult(HttpResponse<byte[]> response, Duration latency) {
        return toResult(response, latency, key);
    }

    /** The answer as a {@link CallbackResult}; {@code Body-Sign} is checked with {@code key}. */
    static CallbackResult toResult(HttpResponse<byte[]> response, Duration latency, String key) {
        byte[] body = response.body() == null ? new byte[0] : response.body();
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        String bodySign = response.headers().firstValue(BodySign.HEADER).orElse(null);
        boolean bodySignValid = bodySign != null && verifyBodySign(key, body, bodySign);
        ObjectNode json = parseObject(body);
        String resultCode = null;
        if (json != null) {
            JsonNode code = json.get("resultCode");
            if (code != null && code.isValueNode() && !code.isNull()) {
                resultCode = code.asText();
            }
        }
        return new CallbackResult(response.statusCode(), contentType, body, json, resultCode, bodySign,
                bodySignValid, latency);
    }

    private static boolean verifyBodySign(String key, byte[] body, String header) {
        try {
            return BodySign.verify(key, body, header);
        } catch (RuntimeException e) {
            // A malformed header is reported as invalid, not as a client failure.
            return false;
        }
    }

    private static ObjectNode parseObject(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return Json.parseObject(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static void addParam(StringJoiner query, String name, String value) {
        if (value != null) {
            query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    /** A serialised callback body with the query parameters that authenticate it. */
    public record SignedCallback(byte[] body, String nonce, String timestamp, String signature) {
    }
}
