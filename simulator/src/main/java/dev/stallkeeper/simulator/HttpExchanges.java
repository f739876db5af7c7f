package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.stallkeeper.protocol.ApigSigner;
import dev.stallkeeper.protocol.Json;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/** What the open API simulator's handlers do with an {@link HttpExchange}: read it, answer JSON, route exactly. */
final class HttpExchanges {

    private HttpExchanges() {
    }

    /** The whole request body (and the request stream closed). */
    static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    /** The request headers, first value each, names case-insensitive. */
    static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name, values.get(0));
            }
        });
        return headers;
    }

    /** The query parameters, first value each, in order. */
    static Map<String, String> queryParams(HttpExchange exchange) {
        return queryParams(exchange.getRequestURI().getRawQuery());
    }

    /** RFC 3986 reading, as {@link ApigSigner} signs: {@code +} is a literal plus, not a space. */
    static Map<String, String> queryParams(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return encoded;
        }
    }

    /** Answers {@code body} as JSON with {@code status}. */
    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    /** Answers a KooGallery error: {@code {"resultCode": code, "resultMsg": message}} with {@code status}. */
    static void sendError(HttpExchange exchange, int status, String code, String message) throws IOException {
        ObjectNode error = Json.mapper().createObjectNode();
        error.put("resultCode", code);
        error.put("resultMsg", message);
        send(exchange, status, Json.write(error));
    }

    /** HTTP 401 {@code MKT.0154}: a missing or wrong APIG signature. */
    static void sendIllegalToken(HttpExchange exchange) throws IOException {
        sendError(exchange, 401, "MKT.0154", "Illegal token");
    }

    /** HTTP 405 {@code MKT.0199} with {@code Allow: allowed}. */
    static void sendMethodNotAllowed(HttpExchange exchange, String allowed) throws IOException {
        exchange.getResponseHeaders().set("Allow", allowed);
        sendError(exchange, 405, "MKT.0199", "Method not allowed");
    }

    /** HTTP 404 {@code MKT.0199} naming the path. */
    static void sendNotFound(HttpExchange exchange) throws IOException {
        sendError(exchange, 404, "MKT.0199", "No such API in the simulator: " + exchange.getRequestURI().getPath());
    }

    /** Reads the request and answers 404: for every path no API serves. */
    static void notFound(HttpExchange exchange) throws IOException {
        try (exchange) {
            readBody(exchange);
            sendNotFound(exchange);
        }
    }

    /**
     * {@code handler} for {@code path} itself; the paths below it, which {@code HttpServer} contexts match as well,
     * get {@link #notFound}.
     */
    static HttpHandler exactly(String path, HttpHandler handler) {
        return exchange -> {
            if (path.equals(exchange.getRequestURI().getPath())) {
                handler.handle(exchange);
            } else {
                notFound(exchange);
            }
        };
    }

    /** {@code handler}, with a failure logged as {@code what} before it goes on to the server. */
    static HttpHandler logged(Logger log, String what, HttpHandler handler) {
        return exchange -> {
            try {
                handler.handle(exchange);
            } catch (RuntimeException e) {
                log.log(Level.WARNING, what, e);
                throw e;
            }
        };
    }
}
