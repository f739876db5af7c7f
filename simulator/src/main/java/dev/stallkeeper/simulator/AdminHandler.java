package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.order.OrderInfo;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The simulator's own admin API under {@value OpenApiServer#ADMIN_PREFIX}, all APIG-signed with the server's AK/SK
 * (see {@link ServeAdminClient}); one method per route:
 * {@code POST orders} (an OrderInfo or a list of them), {@code POST instances} ({@code {"instanceIds":[...]}}),
 * {@code GET usage-records}, {@code GET usage-calls}, {@code POST faults}
 * ({@code {"api":"queryOrder"|"usage"|"usageLostAnswer","count":n,"status":503}}), {@code POST outage}
 * ({@code {"api":"usage","status":503}} or {@code "off":true}), {@code POST delay} ({@code {"millis":n}}: hold
 * Query Order answers back), {@code POST oauth/clients} and {@code POST oauth/users}.
 *
 * <p>Answers: a wrong signature HTTP 401 {@code MKT.0154}; a method and path not in the table (a known path with the
 * wrong method too) HTTP 404 {@code MKT.0199}; a body the route cannot use HTTP 400 {@code MKT.0101}; otherwise
 * HTTP 200 with the route's JSON object.
 */
final class AdminHandler implements HttpHandler {

    /** One route: the answer to a request body; {@link IOException} or {@link IllegalArgumentException} refuse it. */
    @FunctionalInterface
    private interface Route {
        ObjectNode answer(byte[] body) throws IOException;
    }

    private final ApigVerifier signature;
    private final OrderRegistry registry;
    private final UsageReceiver usage;
    private final OAuthProvider oauth;
    private final FaultInjection faults;
    private final Consumer<String> events;
    /** {@code "METHOD path"} (the path below the prefix) to its route. */
    private final Map<String, Route> routes;

    AdminHandler(ApigVerifier signature, OrderRegistry registry, UsageReceiver usage, OAuthProvider oauth,
                 FaultInjection faults, Consumer<String> events) {
        this.signature = signature;
        this.registry = registry;
        this.usage = usage;
        this.oauth = oauth;
        this.faults = faults;
        this.events = events;
        this.routes = Map.of(
                "POST orders", this::registerOrders,
                "POST instances", this::registerInstances,
                "GET usage-records", body -> usage.recordsJson(),
                "GET usage-calls", body -> usage.callsJson(),
                "POST faults", this::armFaults,
                "POST outage", this::usageOutage,
                "POST delay", this::delayQueryOrder,
                "POST oauth/clients", this::registerOAuthClient,
                "POST oauth/users", this::registerOAuthUser);
    }

    /** The routes, as {@code "METHOD path"}. */
    Set<String> routes() {
        return routes.keySet();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = HttpExchanges.readBody(exchange);
            if (!signature.valid(exchange, body)) {
                HttpExchanges.sendIllegalToken(exchange);
                return;
            }
            String path = exchange.getRequestURI().getPath().substring(OpenApiServer.ADMIN_PREFIX.length());
            Route route = routes.get(exchange.getRequestMethod() + " " + path);
            if (route == null) {
                HttpExchanges.sendNotFound(exchange);
                return;
            }
            ObjectNode answer;
            try {
                answer = route.answer(body);
            } catch (IOException | IllegalArgumentException e) {
                HttpExchanges.sendError(exchange, 400, "MKT.0101", "Invalid parameter: " + e.getMessage());
                return;
            }
            HttpExchanges.send(exchange, 200, Json.write(answer));
        }
    }

    private ObjectNode registerOrders(byte[] body) throws IOException {
        JsonNode tree = Json.mapper().readTree(body);
        List<OrderInfo> list = new ArrayList<>();
        if (tree != null && tree.isArray()) {
            for (JsonNode n : tree) {
                list.add(Json.mapper().treeToValue(n, OrderInfo.class));
            }
        } else if (tree != null && tree.isObject()) {
            list.add(Json.mapper().treeToValue(tree, OrderInfo.class));
        }
        if (list.isEmpty() || list.stream().anyMatch(o -> o.orderId() == null || o.orderId().isBlank())) {
            throw new IllegalArgumentException("orders need an orderId");
        }
        list.forEach(registry::register);
        events.accept("admin: registered order(s) " + String.join(", ", list.stream().map(OrderInfo::orderId).toList()));
        return registered(list.size());
    }

    private ObjectNode registerInstances(byte[] body) throws IOException {
        JsonNode ids = Json.mapper().readTree(body).path("instanceIds");
        if (!ids.isArray()) {
            throw new IllegalArgumentException("instanceIds must be a list");
        }
        ids.forEach(id -> registry.registerInstance(id.asText()));
        return registered(ids.size());
    }

    private ObjectNode armFaults(byte[] body) throws IOException {
        JsonNode f = Json.mapper().readTree(body);
        int count = f.path("count").asInt(1);
        int status = f.path("status").asInt(503);
        switch (f.path("api").asText("")) {
            case "queryOrder" -> faults.failQueryOrders(count, status);
            case "usage" -> faults.failUsagePushes(count, status);
            case "usageLostAnswer" -> faults.loseUsageAnswers(count, status);
            default -> throw new IllegalArgumentException("api must be queryOrder, usage or usageLostAnswer");
        }
        events.accept("admin: next " + count + " " + f.path("api").asText() + " call(s) fail with HTTP " + status);
        return Json.mapper().createObjectNode().put("armed", count);
    }

    private ObjectNode usageOutage(byte[] body) throws IOException {
        JsonNode o = Json.mapper().readTree(body);
        if (!"usage".equals(o.path("api").asText(""))) {
            throw new IllegalArgumentException("api must be usage");
        }
        Integer status = o.path("off").asBoolean(false) ? null : o.path("status").asInt(503);
        faults.usageOutage(status);
        events.accept("admin: usage outage " + (status == null ? "over" : "on, " + FaultInjection.describe(status)));
        return Json.mapper().createObjectNode().put("outage", status != null);
    }

    private ObjectNode delayQueryOrder(byte[] body) throws IOException {
        long millis = Json.mapper().readTree(body).path("millis").asLong(0);
        faults.delay(Duration.ofMillis(millis));
        events.accept("admin: Query Order answers held back " + millis + " ms");
        return Json.mapper().createObjectNode().put("delayMillis", millis);
    }

    private ObjectNode registerOAuthClient(byte[] body) throws IOException {
        oauth.registerClient(Json.mapper().readValue(body, OAuthProvider.Client.class));
        return registered(1);
    }

    private ObjectNode registerOAuthUser(byte[] body) throws IOException {
        oauth.registerUser(Json.mapper().readValue(body, OAuthProvider.User.class));
        return registered(1);
    }

    private static ObjectNode registered(int count) {
        return Json.mapper().createObjectNode().put("registered", count);
    }
}
