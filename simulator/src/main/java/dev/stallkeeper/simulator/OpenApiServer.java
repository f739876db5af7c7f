package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stallkeeper.protocol.ApigSigner;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.order.OrderInfo;
import dev.stallkeeper.protocol.order.OrderLine;
import dev.stallkeeper.protocol.order.QueryOrder;
import dev.stallkeeper.protocol.order.QueryOrderResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The KooGallery open APIs Stallkeeper calls, served locally over plain HTTP: Query Order (§7.1), verified with the
 * APIG AK/SK signature (§7.4), and the pay-per-use usage push (§7.2, see {@link UsageReceiver}), verified with the
 * seller's basic-interface key ({@link #setUsageKey}). An admin API under {@value #ADMIN_PREFIX} (APIG-signed with the
 * same AK/SK, see {@link ServeAdminClient}) lets other processes register orders and instances, read the recorded
 * usage and inject failures.
 *
 * <p>Answers:
 * <ul>
 *   <li>missing or wrong APIG signature: HTTP 401 {@code MKT.0154 Illegal token};</li>
 *   <li>missing {@code orderId}, unknown order or unknown order line: HTTP 400 {@code MKT.0101};</li>
 *   <li>otherwise HTTP 200 {@code MKT.0000} with {@code orderInfo}; with {@code orderLineId} only that line.</li>
 * </ul>
 * The nine documented mock orders (§4.4) are registered from the start. Thread-safe; test hooks
 * ({@link #setFailNext}, {@link #setDelay}, {@link #setSynthesizeUnknown}) may be changed while serving.
 */
public final class OpenApiServer implements AutoCloseable, OrderRegistry {

    /** Path prefix of the simulator's own admin API. */
    public static final String ADMIN_PREFIX = "/simulator/";

    /** Clock skew accepted on {@code X-Sdk-Date}, as the real API gateway does. */
    static final Duration SIGNATURE_WINDOW = Duration.ofMinutes(15);

    private static final Logger LOG = Logger.getLogger(OpenApiServer.class.getName());
    private static final int MAX_RECORDED_IDS = 1_000_000;

    private final HttpServer http;
    private final ExecutorService executor;
    private final String ak;
    private final String sk;
    private final Clock clock;
    private final Instant epoch;
    private final URI baseUri;

    private final Map<String, OrderInfo> orders = new ConcurrentHashMap<>();
    private volatile boolean synthesizeUnknown;
    private volatile Duration delay = Duration.ZERO;
    private final AtomicReference<FailurePlan> failures = new AtomicReference<>(FailurePlan.NONE);
    private final AtomicLong queryOrderCount = new AtomicLong();
    private final List<String> queriedOrderIds = Collections.synchronizedList(new ArrayList<>());
    private final UsageReceiver usage;
    private final OAuthProvider oauth;
    private final AtomicReference<FailurePlan> usageFailures = new AtomicReference<>(FailurePlan.NONE);
    private final AtomicReference<FailurePlan> usageLostAnswers = new AtomicReference<>(FailurePlan.NONE);
    /** While set, every usage push fails with this status ({@link #DROP} = the connection is closed unanswered). */
    private volatile Integer usageOutage;

    /** How long a judged usage push waits before its answer goes out (see {@link #setUsageAnswerDelay}). */
    private volatile Duration usageAnswerDelay = Duration.ZERO;

    /** A "status" of the failure hooks: close the connection without any answer (a network failure). */
    public static final int DROP = 0;
    private volatile Consumer<String> events = line -> { };

    private OpenApiServer(HttpServer http, ExecutorService executor, String ak, String sk, String host, Clock clock) {
        this.clock = clock;
        this.usage = new UsageReceiver(null, clock);
        this.oauth = new OAuthProvider(clock);
        this.http = http;
        this.executor = executor;
        this.ak = ak;
        this.sk = sk;
        this.epoch = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String shownHost = host == null || host.isBlank() || "0.0.0.0".equals(host) || "::".equals(host)
                ? "localhost" : host;
        if (shownHost.contains(":") && !shownHost.startsWith("[")) {
            shownHost = "[" + shownHost + "]";
        }
        this.baseUri = URI.create("http://" + shownHost + ":" + http.getAddress().getPort());
        SimulatedOrders.mockOrders(epoch).forEach(this::register);
    }

    /**
     * Binds and starts the server.
     *
     * @param host interface to bind ({@code 0.0.0.0} for all; {@link #baseUri()} then names {@code localhost})
     * @param port port, {@code 0} for an ephemeral one
     * @param ak   access key id the callers must sign with
     * @param sk   secret access key
     */
    public static OpenApiServer start(String host, int port, String ak, String sk) {
        return start(host, port, ak, sk, Clock.systemUTC());
    }

    /**
     * Binds and starts the server with KooGallery's clock as {@code clock} (signature windows, usage windows, the
     * mock orders' times): a test that pins the seller's clock to a date pins this one to the same.
     */
    public static OpenApiServer start(String host, int port, String ak, String sk, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ak, "ak");
        Objects.requireNonNull(sk, "sk");
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(host, port), 256);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind the open API simulator to " + host + ":" + port, e);
        }
        // Unbounded on purpose: a delayed answer (setDelay) must not make the next caller queue behind it.
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "koo-openapi-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        OpenApiServer server = new OpenApiServer(http, executor, ak, sk, host, clock);
        http.createContext(QueryOrder.PATH, server::handleQueryOrder);
        http.createContext(UsageReceiver.PATH, server::handleUsage);
        http.createContext(ADMIN_PREFIX, server::handleAdmin);
        server.oauth.install(http);
        http.createContext("/", server::handleUnknown);
        http.start();
        return server;
    }

    /** {@code http://host:port}, without a trailing slash; point {@code KOOGALLERY_API_BASE} here. */
    public URI baseUri() {
        return baseUri;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** Makes Query Order answer this order (replacing any order with the same id). */
    @Override
    public void register(OrderInfo order) {
        Objects.requireNonNull(order, "order");
        orders.put(Objects.requireNonNull(order.orderId(), "orderId"), order);
    }

    /** The registered order with this id, if any (synthesized orders are not registered). */
    public OrderInfo order(String orderId) {
        return orders.get(orderId);
    }

    @Override
    public void registerInstance(String instanceId) {
        usage.registerInstance(instanceId);
    }

    /** The key usage pushes must be signed with (the seller's basic-interface key); {@code null} refuses them all. */
    public void setUsageKey(String key) {
        usage.setKey(key);
    }

    /** See {@link UsageReceiver#setKnownInstancesOnly}. */
    public void setUsageKnownInstancesOnly(boolean knownOnly) {
        usage.setKnownInstancesOnly(knownOnly);
    }

    /** Usage records accepted so far, in arrival order. */
    public List<UsageReceiver.UsageRecord> usageRecords() {
        return usage.records();
    }

    /** The identity service of the tenants whose {@code domainName} is this server (spec §6.3). */
    public OAuthProvider oauth() {
        return oauth;
    }

    /** The usage-push receiver, for tests that need its finer controls. */
    public UsageReceiver usage() {
        return usage;
    }

    /**
     * The next {@code n} usage pushes (whatever their signature) are answered with {@code httpStatus} and a KooGallery
     * error body and recorded nowhere: an outage of the usage API. {@code n = 0} cancels a pending plan.
     */
    public void setUsageFailNext(int n, int httpStatus) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0");
        }
        usageFailures.set(n == 0 ? FailurePlan.NONE : new FailurePlan(new AtomicInteger(n), httpStatus));
    }

    /**
     * The next {@code n} usage pushes are taken (their records checked and kept) but answered with {@code httpStatus}
     * (or dropped, {@link #DROP}) as if the answer were lost on the way back: the seller must retry and must not
     * count the records twice. {@code n = 0} cancels a pending plan.
     */
    public void setUsageLoseAnswers(int n, int httpStatus) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0");
        }
        usageLostAnswers.set(n == 0 ? FailurePlan.NONE : new FailurePlan(new AtomicInteger(n), httpStatus));
    }

    /**
     * An outage of the usage API until switched off: every push fails with {@code httpStatus} ({@link #DROP}: the
     * connection is closed without an answer) and nothing is kept. {@code null} ends the outage.
     */
    public void setUsageOutage(Integer httpStatus) {
        this.usageOutage = httpStatus;
    }

    /**
     * Holds every usage push's answer back this long <em>after</em> its records were judged and kept: the window in
     * which a seller that dies has sent but not yet booked. Setting {@link Duration#ZERO} releases held answers.
     */
    public void setUsageAnswerDelay(Duration delay) {
        this.usageAnswerDelay = delay == null || delay.isNegative() ? Duration.ZERO : delay;
    }

    /** Receives one line per usage push and admin call, for {@code serve}'s console. */
    public void setEventListener(Consumer<String> listener) {
        this.events = listener == null ? line -> { } : listener;
    }

    /**
     * When true, an unregistered orderId is answered with {@link SimulatedOrders#synthesize a synthesized NEW order}
     * instead of {@code MKT.0101}. Load tests use this with unique order ids.
     */
    public void setSynthesizeUnknown(boolean synthesize) {
        this.synthesizeUnknown = synthesize;
    }

    /**
     * The next {@code n} Query Order calls (whatever their signature) are answered with {@code httpStatus} and a
     * KooGallery error body. {@code n = 0} cancels a pending plan.
     */
    public void setFailNext(int n, int httpStatus) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0");
        }
        failures.set(n == 0 ? FailurePlan.NONE : new FailurePlan(new AtomicInteger(n), httpStatus));
    }

    /** Every Query Order answer is held back this long. {@link Duration#ZERO} answers at once. */
    public void setDelay(Duration delay) {
        this.delay = delay == null || delay.isNegative() ? Duration.ZERO : delay;
    }

    /** Query Order requests received, whatever their outcome. */
    public long queryOrderCount() {
        return queryOrderCount.get();
    }

    /**
     * The {@code orderId} of every Query Order request received, whatever its outcome, in arrival order
     * ({@code ""} when absent). A snapshot; only the first million are kept.
     */
    public List<String> queriedOrderIds() {
        synchronized (queriedOrderIds) {
            return List.copyOf(queriedOrderIds);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handleQueryOrder(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readAll(exchange.getRequestBody());
            if (!QueryOrder.PATH.equals(exchange.getRequestURI().getPath())) {
                sendNotFound(exchange);
                return;
            }
            Map<String, String> params = queryParams(exchange.getRequestURI().getRawQuery());
            String orderId = params.get(QueryOrder.PARAM_ORDER_ID);
            String orderLineId = params.get(QueryOrder.PARAM_ORDER_LINE_ID);
            queryOrderCount.incrementAndGet();
            if (queriedOrderIds.size() < MAX_RECORDED_IDS) {
                queriedOrderIds.add(orderId == null ? "" : orderId);
            }
            pause();

            Integer failStatus = failures.get().take();
            if (failStatus != null) {
                sendError(exchange, failStatus, errorCodeFor(failStatus), "Simulated failure");
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                sendError(exchange, 405, "MKT.0199", "Method not allowed");
                return;
            }
            if (!signatureValid(exchange, body)) {
                sendError(exchange, 401, "MKT.0154", "Illegal token");
                return;
            }
            if (orderId == null || orderId.isBlank()) {
                sendError(exchange, 400, "MKT.0101", "Invalid parameter: orderId");
                return;
            }
            OrderInfo order = find(orderId, orderLineId);
            if (order == null) {
                sendError(exchange, 400, "MKT.0101", "Invalid parameter: order not found");
                return;
            }
            QueryOrderResponse response = new QueryOrderResponse(QueryOrder.SUCCESS, "success", order);
            send(exchange, 200, response.toJson());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Query Order simulator failed", e);
            throw e;
        }
    }

    private OrderInfo find(String orderId, String orderLineId) {
        OrderInfo order = orders.get(orderId);
        if (order == null) {
            return synthesizeUnknown ? SimulatedOrders.synthesize(orderId, orderLineId, epoch) : null;
        }
        if (orderLineId == null || orderLineId.isBlank()) {
            return order;
        }
        List<OrderLine> lines = order.orderLine() == null ? List.of() : order.orderLine().stream()
                .filter(l -> orderLineId.equals(l.orderLineId()))
                .toList();
        if (lines.isEmpty()) {
            return null;
        }
        return new OrderInfo(order.orderId(), order.orderType(), order.createTime(), lines, order.buyerInfo(),
                order.extendParams());
    }

    private boolean signatureValid(HttpExchange exchange, byte[] body) {
        Map<String, String> headers = headers(exchange);
        String host = headers.getOrDefault(ApigSigner.HEADER_HOST, baseUri.getAuthority());
        URI requestUri = exchange.getRequestURI();
        URI uri = URI.create("http://" + host + requestUri.getRawPath()
                + (requestUri.getRawQuery() == null ? "" : "?" + requestUri.getRawQuery()));
        return ApigSigner.verify(exchange.getRequestMethod(), uri, headers, body, ak, sk, SIGNATURE_WINDOW, clock);
    }

    private void handleUsage(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readAll(exchange.getRequestBody());
            if (!UsageReceiver.PATH.equals(exchange.getRequestURI().getPath())) {
                sendNotFound(exchange);
                return;
            }
            pause();
            Integer outage = usageOutage;
            Integer failStatus = outage != null ? outage : usageFailures.get().take();
            if (failStatus != null) {
                events.accept("usage push: simulated failure " + describeFailure(failStatus));
                fail(exchange, failStatus);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                sendError(exchange, 405, "MKT.0199", "Method not allowed");
                return;
            }
            Map<String, String> headers = headers(exchange);
            if (headers.containsKey(ApigSigner.HEADER_AUTHORIZATION) && !signatureValid(exchange, body)) {
                // Signed for the API gateway too (§7.4): then the AK/SK signature must be right.
                events.accept("usage push: HTTP 401 MKT.0154 (wrong APIG AK/SK signature)");
                sendError(exchange, 401, "MKT.0154", "Illegal token");
                return;
            }
            UsageReceiver.Outcome outcome = usage.receive(headers, body);
            holdUsageAnswer();
            Integer lost = outcome.callAccepted() ? usageLostAnswers.get().take() : null;
            if (lost != null) {
                events.accept("usage push: " + outcome.accepted() + " accepted, answer lost (" + describeFailure(lost) + ")");
                fail(exchange, lost);
                return;
            }
            StringBuilder line = new StringBuilder("usage push: HTTP ").append(outcome.httpStatus()).append(' ')
                    .append(outcome.resultCode());
            if (outcome.callAccepted()) {
                line.append(", ").append(outcome.accepted()).append(" accepted, ")
                        .append(outcome.failures().size()).append(" refused");
                outcome.failures().forEach(f -> line.append(System.lineSeparator()).append("  refused #")
                        .append(f.index()).append(' ').append(f.meteringSn()).append(": ").append(f.errorCode())
                        .append(' ').append(f.errorMsg()));
            } else {
                line.append(" ").append(outcome.resultMsg());
            }
            events.accept(line.toString());
            send(exchange, outcome.httpStatus(), outcome.toJson());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Usage push simulator failed", e);
            throw e;
        }
    }

    /**
     * {@code POST /simulator/orders} (an OrderInfo or a list of them), {@code POST /simulator/instances}
     * ({@code {"instanceIds":[...]}}), {@code GET /simulator/usage-records}, {@code POST /simulator/faults}
     * ({@code {"api":"queryOrder"|"usage","count":n,"status":503}}), {@code POST /simulator/delay}
     * ({@code {"millis":n}}: hold Query Order answers back); all APIG-signed with the server's AK/SK.
     */
    private void handleAdmin(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readAll(exchange.getRequestBody());
            if (!signatureValid(exchange, body)) {
                sendError(exchange, 401, "MKT.0154", "Illegal token");
                return;
            }
            String path = exchange.getRequestURI().getPath().substring(ADMIN_PREFIX.length());
            String method = exchange.getRequestMethod();
            ObjectNode answer = Json.mapper().createObjectNode();
            try {
                switch (method + " " + path) {
                    case "POST orders" -> {
                        com.fasterxml.jackson.databind.JsonNode tree = Json.mapper().readTree(body);
                        List<OrderInfo> list = new ArrayList<>();
                        if (tree != null && tree.isArray()) {
                            for (com.fasterxml.jackson.databind.JsonNode n : tree) {
                                list.add(Json.mapper().treeToValue(n, OrderInfo.class));
                            }
                        } else if (tree != null && tree.isObject()) {
                            list.add(Json.mapper().treeToValue(tree, OrderInfo.class));
                        }
                        if (list.isEmpty() || list.stream().anyMatch(o -> o.orderId() == null || o.orderId().isBlank())) {
                            sendError(exchange, 400, "MKT.0101", "Invalid parameter: orders need an orderId");
                            return;
                        }
                        list.forEach(this::register);
                        events.accept("admin: registered order(s) "
                                + String.join(", ", list.stream().map(OrderInfo::orderId).toList()));
                        answer.put("registered", list.size());
                    }
                    case "POST instances" -> {
                        com.fasterxml.jackson.databind.JsonNode ids = Json.mapper().readTree(body).path("instanceIds");
                        if (!ids.isArray()) {
                            sendError(exchange, 400, "MKT.0101", "Invalid parameter: instanceIds must be a list");
                            return;
                        }
                        ids.forEach(id -> registerInstance(id.asText()));
                        answer.put("registered", ids.size());
                    }
                    case "GET usage-records" -> answer = usage.recordsJson();
                    case "GET usage-calls" -> answer = usage.callsJson();
                    case "POST outage" -> {
                        com.fasterxml.jackson.databind.JsonNode o = Json.mapper().readTree(body);
                        if (!"usage".equals(o.path("api").asText(""))) {
                            sendError(exchange, 400, "MKT.0101", "Invalid parameter: api must be usage");
                            return;
                        }
                        Integer status = o.path("off").asBoolean(false) ? null : o.path("status").asInt(503);
                        setUsageOutage(status);
                        events.accept("admin: usage outage " + (status == null ? "over" : "on, " + describeFailure(status)));
                        answer.put("outage", status != null);
                    }
                    case "POST delay" -> {
                        long millis = Json.mapper().readTree(body).path("millis").asLong(0);
                        setDelay(Duration.ofMillis(millis));
                        events.accept("admin: Query Order answers held back " + millis + " ms");
                        answer.put("delayMillis", millis);
                    }
                    case "POST oauth/clients" -> {
                        oauth.registerClient(Json.mapper().readValue(body, OAuthProvider.Client.class));
                        answer.put("registered", 1);
                    }
                    case "POST oauth/users" -> {
                        oauth.registerUser(Json.mapper().readValue(body, OAuthProvider.User.class));
                        answer.put("registered", 1);
                    }
                    case "POST faults" -> {
                        com.fasterxml.jackson.databind.JsonNode f = Json.mapper().readTree(body);
                        int count = f.path("count").asInt(1);
                        int status = f.path("status").asInt(503);
                        switch (f.path("api").asText("")) {
                            case "queryOrder" -> setFailNext(count, status);
                            case "usage" -> setUsageFailNext(count, status);
                            case "usageLostAnswer" -> setUsageLoseAnswers(count, status);
                            default -> {
                                sendError(exchange, 400, "MKT.0101", "Invalid parameter: api must be queryOrder, usage or usageLostAnswer");
                                return;
                            }
                        }
                        events.accept("admin: next " + count + " " + f.path("api").asText() + " call(s) fail with HTTP "
                                + status);
                        answer.put("armed", count);
                    }
                    default -> {
                        sendNotFound(exchange);
                        return;
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                sendError(exchange, 400, "MKT.0101", "Invalid parameter: " + e.getMessage());
                return;
            }
            send(exchange, 200, Json.write(answer));
        }
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name, values.get(0));
            }
        });
        return headers;
    }

    private void handleUnknown(HttpExchange exchange) throws IOException {
        try (exchange) {
            readAll(exchange.getRequestBody());
            sendNotFound(exchange);
        }
    }

    private static void sendNotFound(HttpExchange exchange) throws IOException {
        sendError(exchange, 404, "MKT.0199", "No such API in the simulator: " + exchange.getRequestURI().getPath());
    }

    /** Waits out {@link #setUsageAnswerDelay}, checking often so that setting it to zero releases the answer. */
    private void holdUsageAnswer() {
        long until = System.nanoTime() + usageAnswerDelay.toNanos();
        try {
            while (!usageAnswerDelay.isZero() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pause() {
        Duration d = delay;
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describeFailure(int status) {
        return status == DROP ? "(connection dropped)" : "HTTP " + status;
    }

    /** Answers with a KooGallery error for {@code status}, or closes the connection unanswered for {@link #DROP}. */
    private static void fail(HttpExchange exchange, int status) throws IOException {
        if (status == DROP) {
            return; // no response headers: closing the exchange (try-with-resources) closes the connection
        }
        sendError(exchange, status, errorCodeFor(status), "Simulated failure");
    }

    static String errorCodeFor(int status) {
        return switch (status) {
            case 400 -> "MKT.0199";
            case 401 -> "MKT.0154";
            case 406, 429 -> "MKT.0250";
            default -> "MKT.0999";
        };
    }

    private static void sendError(HttpExchange exchange, int status, String code, String message) throws IOException {
        ObjectNode error = Json.mapper().createObjectNode();
        error.put("resultCode", code);
        error.put("resultMsg", message);
        send(exchange, status, Json.write(error));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
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

    /** How many of the next calls still fail, and with which status. */
    private record FailurePlan(AtomicInteger remaining, int status) {
        static final FailurePlan NONE = new FailurePlan(new AtomicInteger(), 0);

        /** Claims one failure; {@code null} when none is left. */
        Integer take() {
            int left = remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0);
            return left > 0 ? status : null;
        }
    }
}
