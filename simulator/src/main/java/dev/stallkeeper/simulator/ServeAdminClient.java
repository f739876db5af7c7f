package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.ApigSigner;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.order.OrderInfo;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The admin API of a running {@code serve} ({@link OpenApiServer#ADMIN_PREFIX}), signed with the same APIG AK/SK as
 * Query Order: how {@code scenario} and {@code conformance --serve} register their orders in another process.
 */
public final class ServeAdminClient implements OrderRegistry {

    private final URI base;
    private final String ak;
    private final String sk;
    private final HttpClient http = CallbackClient.defaultHttpClient();

    /** @param base {@code http://host:port} of the {@code serve} process, as it prints on start */
    public ServeAdminClient(URI base, String ak, String sk) {
        String text = Objects.requireNonNull(base, "base").toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.ak = Objects.requireNonNull(ak, "ak");
        this.sk = Objects.requireNonNull(sk, "sk");
    }

    @Override
    public void register(OrderInfo order) {
        post("orders", Json.mapper().valueToTree(order));
    }

    @Override
    public void registerInstance(String instanceId) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.putArray("instanceIds").add(instanceId);
        post("instances", body);
    }

    /** {@code {"records":[...]}}: the usage records {@code serve} accepted so far. */
    public JsonNode usageRecords() {
        return call("GET", "usage-records", null);
    }

    /**
     * Makes the next {@code count} calls of {@code api} fail with {@code status}: {@code queryOrder}, {@code usage}, or
     * {@code usageLostAnswer} (records kept, answer lost).
     */
    public void failNext(String api, int count, int status) {
        ObjectNode body = Json.mapper().createObjectNode().put("api", api).put("count", count).put("status", status);
        post("faults", body);
    }

    /** Holds every Query Order answer back {@code delay} from now on (zero: answer at once again). */
    public void delay(java.time.Duration delay) {
        post("delay", Json.mapper().createObjectNode().put("millis", delay.toMillis()));
    }

    /** {@code {"calls":[...]}}: every usage push {@code serve} judged, with the metering_sns it carried and accepted. */
    public JsonNode usageCalls() {
        return call("GET", "usage-calls", null);
    }

    /** Starts ({@code status}, {@link OpenApiServer#DROP} to drop connections) or ends ({@code null}) a usage outage. */
    public void usageOutage(Integer status) {
        ObjectNode body = Json.mapper().createObjectNode().put("api", "usage");
        if (status == null) {
            body.put("off", true);
        } else {
            body.put("status", status);
        }
        post("outage", body);
    }

    private void post(String path, JsonNode body) {
        call("POST", path, body);
    }

    private JsonNode call(String method, String path, JsonNode body) {
        URI uri = URI.create(base + OpenApiServer.ADMIN_PREFIX + path);
        byte[] bytes = body == null ? new byte[0] : Json.write(body);
        Map<String, String> headers = ApigSigner.sign(method, uri, Map.of("Content-Type", "application/json"), bytes,
                ak, sk, Instant.now());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + uri + " answered HTTP " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach the simulator's admin API at " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("Interrupted calling " + uri));
        }
    }

    /** The records as a list of JSON objects (convenience for tests). */
    public List<JsonNode> usageRecordList() {
        JsonNode records = usageRecords().path("records");
        List<JsonNode> list = new java.util.ArrayList<>();
        records.forEach(list::add);
        return List.copyOf(list);
    }
}
