package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stallkeeper.protocol.BodySign;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.KooTime;
import dev.stallkeeper.protocol.MalformedBodyException;
import dev.stallkeeper.protocol.V2Signature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small but correct production address, written from the protocol document for the conformance tests: V2
 * signature with a 60 s symmetric window and a nonce cache (identical replay answers the same, another body
 * 000001), idempotent newInstance, instances with state, the documented result codes, Body-Sign over the exact
 * bytes. {@link #breakage} makes it misbehave in one chosen way.
 */
final class ReferenceSeller implements AutoCloseable {

    enum Breakage {
        NONE,
        /** Body-Sign computed with another key. */
        WRONG_BODY_SIGN,
        /** HTTP 500 to every refreshInstance. */
        HTTP_500_ON_REFRESH,
        /** queryInstance answers after {@link #slow}. */
        SLOW_QUERY,
        /** A resent newInstance gets a new instanceId. */
        NEW_ID_ON_RESEND,
        /** Accepts stale timestamps. */
        NO_TIMESTAMP_WINDOW,
        /** Any signature is fine. */
        NO_SIGNATURE_CHECK
    }

    private static final int MAX_BODY = 64 * 1024;

    private final String key;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, byte[]> nonces = new ConcurrentHashMap<>();
    private final Map<String, String> bodyOfNonce = new ConcurrentHashMap<>();
    private final Map<String, String> instanceByOrder = new ConcurrentHashMap<>();
    private final Map<String, String> states = new ConcurrentHashMap<>();
    volatile Breakage breakage = Breakage.NONE;
    volatile Duration slow = Duration.ofMillis(1500);

    ReferenceSeller(String key) {
        this.key = key;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/produce", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/produce");
    }

    int instanceCount() {
        return states.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            boolean oversized;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
                oversized = body.length > MAX_BODY;
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            Map<String, String> q = HttpExchanges.queryParams(exchange.getRequestURI().getRawQuery());
            ObjectNode answer = answer(body, oversized, q.get("signature"), q.get("timestamp"), q.get("nonce"));
            byte[] bytes = Json.write(answer);
            if (breakage == Breakage.SLOW_QUERY && "queryInstance".equals(activityOf(body))) {
                sleep(slow);
            }
            int status = breakage == Breakage.HTTP_500_ON_REFRESH && "refreshInstance".equals(activityOf(body))
                    ? 500 : 200;
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
            exchange.getResponseHeaders().set(BodySign.HEADER,
                    BodySign.header(breakage == Breakage.WRONG_BODY_SIGN ? "not-" + key : key, bytes));
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static String activityOf(byte[] body) {
        try {
            return Json.parseObject(body).path("activity").asText();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private ObjectNode answer(byte[] body, boolean oversized, String signature, String timestamp, String nonce) {
        if (oversized) {
            return code("000002", "body too large");
        }
        if (signature == null) {
            return code("000001", "signature missing");
        }
        if (timestamp == null || nonce == null) {
            return code("000002", "timestamp or nonce missing");
        }
        Instant ts;
        try {
            ts = KooTime.parseSignatureTimestamp(timestamp);
        } catch (IllegalArgumentException e) {
            return code("000002", "bad timestamp");
        }
        if (breakage != Breakage.NO_TIMESTAMP_WINDOW
                && Duration.between(ts, Instant.now()).abs().compareTo(Duration.ofSeconds(60)) > 0) {
            return code("000002", "timestamp outside the window");
        }
        if (breakage != Breakage.NO_SIGNATURE_CHECK && !V2Signature.verify(key, nonce, timestamp, body, signature)) {
            return code("000001", "token is invalid");
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        String earlier = bodyOfNonce.putIfAbsent(nonce, text);
        if (earlier != null) {
            if (!earlier.equals(text)) {
                return code("000001", "nonce already used");
            }
            byte[] stored = nonces.get(nonce);
            if (stored != null) {
                return Json.parseObject(stored);
            }
        }
        ObjectNode response;
        try {
            response = handle(Json.parseObject(body));
        } catch (MalformedBodyException e) {
            response = code("000002", "body is not JSON");
        }
        nonces.put(nonce, Json.write(response));
        return response;
    }

    private ObjectNode handle(ObjectNode req) {
        boolean test = "1".equals(req.path("testFlag").asText());
        String activity = req.path("activity").asText();
        switch (activity) {
            case "newInstance" -> {
                String orderKey = req.path("orderId").asText() + "|" + req.path("orderLineId").asText() + "|"
                        + req.path("productId").asText();
                String id = breakage == Breakage.NEW_ID_ON_RESEND ? UUID.randomUUID().toString()
                        : instanceByOrder.computeIfAbsent(orderKey, k -> req.path("businessId").asText());
                if (!test) {
                    states.putIfAbsent(id, "ACTIVE");
                }
                return code("000000", "success.").put("instanceId", id);
            }
            case "queryInstance" -> {
                String ids = req.path("instanceId").asText("");
                if (ids.isBlank() || ids.split(",", -1).length > 100) {
                    return code("000002", "param is invalid");
                }
                ObjectNode ok = code("000000", "success.");
                ArrayNode info = ok.putArray("info");
                for (String id : ids.split(",")) {
                    if (test || "ACTIVE".equals(states.get(id)) || "FROZEN".equals(states.get(id))) {
                        ObjectNode e = info.addObject().put("instanceId", id);
                        e.putObject("appInfo").put("frontEndUrl", "https://saas.example.com/" + id);
                    }
                }
                return info.isEmpty() ? code("000003", "instance is invalid") : ok;
            }
            case "refreshInstance", "upgradeInstance", "changeInstanceCheck" -> {
                return live(req, test) ? code("000000", "success.") : code("000003", "instance is invalid");
            }
            case "updateInstanceStatus" -> {
                String status = req.path("status").asText();
                if (!Set.of("FREEZE", "UNFREEZE").contains(status)) {
                    return code("000002", "param is invalid");
                }
                if (!live(req, test)) {
                    return code("000003", "instance is invalid");
                }
                if (!test) {
                    states.put(req.path("instanceId").asText(), "FREEZE".equals(status) ? "FROZEN" : "ACTIVE");
                }
                return code("000000", "success.");
            }
            case "releaseInstance" -> {
                String id = req.path("instanceId").asText();
                if (!test && !states.containsKey(id)) {
                    return code("000003", "instance is invalid");
                }
                if (!test) {
                    states.put(id, "RELEASED");
                }
                return code("000000", "success.");
            }
            default -> {
                return code("000002", "unknown activity");
            }
        }
    }

    private boolean live(JsonNode req, boolean test) {
        String state = states.get(req.path("instanceId").asText());
        return test || "ACTIVE".equals(state) || "FROZEN".equals(state);
    }

    private static ObjectNode code(String code, String msg) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("resultCode", code);
        node.put("resultMsg", msg);
        return node;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
