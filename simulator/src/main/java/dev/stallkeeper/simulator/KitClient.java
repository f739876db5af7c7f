package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.KitSignature;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Sends joint-operation Kit sync calls (spec §6.1) the way KooGallery does: {@code POST} of a JSON body to
 * {@code <production address>/produceAPI/v2/<name>} with the {@code x-sign}/{@code x-timestamp}/{@code x-nonce}
 * headers of {@link KitSignature} (spec §2.3), signed with the key bound to the joint-op sync interface.
 */
public final class KitClient {

    /** The sub-path of the V2 kit interfaces under the production address. */
    public static final String PATH_PREFIX = "/produceAPI/v2/";
    public static final String HEADER_SIGN = "x-sign";
    public static final String HEADER_TIMESTAMP = "x-timestamp";
    public static final String HEADER_NONCE = "x-nonce";

    private final URI productionAddress;
    private final String kitKey;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Clock clock;

    public KitClient(URI productionAddress, String kitKey, HttpClient http, Duration requestTimeout) {
        this(productionAddress, kitKey, http, requestTimeout, Clock.systemUTC());
    }

    /** A client whose timestamps come from {@code clock} (see {@link CallbackClient}'s constructor with a clock). */
    public KitClient(URI productionAddress, String kitKey, HttpClient http, Duration requestTimeout, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.productionAddress = Objects.requireNonNull(productionAddress, "productionAddress");
        this.kitKey = Objects.requireNonNull(kitKey, "kitKey");
        this.http = Objects.requireNonNull(http, "http");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** {@code <production address path>/produceAPI/v2/<name>}; any query of the production address is dropped. */
    public URI uri(String interfaceName) {
        String base = productionAddress.toString();
        int cut = base.indexOf('?');
        if (cut < 0) {
            cut = base.indexOf('#');
        }
        if (cut >= 0) {
            base = base.substring(0, cut);
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + PATH_PREFIX + interfaceName);
    }

    /** Serialises and signs {@code body} with a fresh nonce and the current time in milliseconds. */
    public SignedKitCall sign(ObjectNode body) {
        byte[] raw = Json.write(body);
        String nonce = CallbackClient.newNonce();
        String timestamp = Long.toString(clock.millis());
        return new SignedKitCall(raw, nonce, timestamp, KitSignature.sign(kitKey, nonce, timestamp, raw));
    }

    /**
     * Posts exactly these bytes and headers to the named kit interface; {@code Body-Sign} of the answer is checked
     * with the kit key.
     *
     * @throws UncheckedIOException when no answer arrives
     */
    public CallbackResult send(String interfaceName, SignedKitCall call) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(interfaceName))
                .timeout(requestTimeout)
                .header("Content-Type", CallbackClient.REQUEST_CONTENT_TYPE)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
        // a null value leaves the header out (tests of missing headers)
        if (call.sign() != null) {
            builder.header(HEADER_SIGN, call.sign());
        }
        if (call.timestamp() != null) {
            builder.header(HEADER_TIMESTAMP, call.timestamp());
        }
        if (call.nonce() != null) {
            builder.header(HEADER_NONCE, call.nonce());
        }
        HttpRequest request = builder.build();
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return CallbackClient.toResult(response, Duration.ofNanos(System.nanoTime() - start), kitKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Kit call to " + uri(interfaceName) + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("Interrupted waiting for " + uri(interfaceName)));
        }
    }

    /** A serialised kit body with the header values that authenticate it. */
    public record SignedKitCall(byte[] body, String nonce, String timestamp, String sign) {
    }
}
