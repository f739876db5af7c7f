package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stallkeeper.protocol.BodySign;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.V2Signature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * A tiny production address for tests: checks the V2 signature of every callback, records it, and answers with
 * whatever {@link #answer} says (by default a correct, Body-Signed {@code 000000}).
 */
final class FakeSeller implements AutoCloseable {

    /** One received callback. */
    record Received(Map<String, String> params, byte[] body, boolean signatureValid) {
    }

    /** The answer to send. */
    record Answer(int status, String contentType, byte[] body, String bodySign) {
    }

    interface Responder {
        Answer answer(ObjectNode request);
    }

    private final String key;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    final List<Received> received = new CopyOnWriteArrayList<>();
    final Map<String, LongAdder> byActivity = new ConcurrentHashMap<>();
    volatile Responder answer = this::success;

    FakeSeller(String key) {
        this.key = key;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/saasproduce", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/saasproduce");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> params = HttpExchanges.queryParams(exchange.getRequestURI().getRawQuery());
            boolean valid = params.get("signature") != null && V2Signature.verify(key, params.get("nonce"),
                    params.get("timestamp"), body, params.get("signature"));
            received.add(new Received(params, body, valid));
            ObjectNode request;
            try {
                request = Json.parseObject(body);
            } catch (RuntimeException e) {
                request = Json.mapper().createObjectNode();
            }
            byActivity.computeIfAbsent(request.path("activity").asText(), a -> new LongAdder()).increment();
            Answer a = valid ? answer.answer(request) : signed(200, Map.of("resultCode", "000001"));
            if (a.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", a.contentType());
            }
            if (a.bodySign() != null) {
                exchange.getResponseHeaders().set(BodySign.HEADER, a.bodySign());
            }
            exchange.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
            exchange.getResponseBody().write(a.body());
        }
    }

    /** {@code 000000}; newInstance gets its businessId as instanceId, queryInstance one info entry per id. */
    Answer success(ObjectNode request) {
        ObjectNode response = Json.mapper().createObjectNode();
        response.put("resultCode", "000000");
        response.put("resultMsg", "success.");
        switch (request.path("activity").asText()) {
            case "newInstance" -> response.put("instanceId", request.path("businessId").asText());
            case "queryInstance" -> {
                ArrayNode info = response.putArray("info");
                for (String id : request.path("instanceId").asText().split(",")) {
                    ObjectNode entry = info.addObject();
                    entry.put("instanceId", id);
                    entry.putObject("appInfo").put("frontEndUrl", "https://saas.example.com/" + id);
                }
            }
            default -> { }
        }
        return signed(200, response);
    }

    Answer signed(int status, Map<String, String> fields) {
        ObjectNode response = Json.mapper().createObjectNode();
        fields.forEach(response::put);
        return signed(status, response);
    }

    Answer signed(int status, ObjectNode response) {
        byte[] bytes = Json.write(response);
        return new Answer(status, "application/json;charset=UTF-8", bytes, BodySign.header(key, bytes));
    }

    long count(String activity) {
        LongAdder n = byActivity.get(activity);
        return n == null ? 0 : n.sum();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
