package dev.stallkeeper.simulator;

import com.sun.net.httpserver.HttpServer;
import dev.stallkeeper.protocol.order.OrderInfo;
import dev.stallkeeper.protocol.order.QueryOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The KooGallery open APIs Stallkeeper calls, served locally over plain HTTP: Query Order (§7.1, {@link
 * QueryOrderHandler}), verified with the APIG AK/SK signature (§7.4), and the pay-per-use usage push (§7.2, see
 * {@link UsageReceiver} and {@link UsagePushHandler}), verified with the seller's basic-interface key
 * ({@link #setUsageKey}). An admin API under {@value #ADMIN_PREFIX} (APIG-signed with the same AK/SK, see
 * {@link ServeAdminClient} and {@link AdminHandler}) lets other processes register orders and instances, read the
 * recorded usage and inject failures ({@link FaultInjection}). This class binds, routes and holds them together.
 *
 * <p>Query Order answers HTTP 401 {@code MKT.0154} to a missing or wrong APIG signature, HTTP 400 {@code MKT.0101}
 * to a missing {@code orderId}, an unknown order or order line, otherwise HTTP 200 {@code MKT.0000} with
 * {@code orderInfo} (see {@link QueryOrderHandler}). Any other path: HTTP 404 {@code MKT.0199}.
 * The nine documented mock orders (§4.4) are registered from the start. Thread-safe; test hooks
 * ({@link #setFailNext}, {@link #setDelay}, {@link #setSynthesizeUnknown}) may be changed while serving.
 */
public final class OpenApiServer implements AutoCloseable, OrderRegistry {

    /** Path prefix of the simulator's own admin API. */
    public static final String ADMIN_PREFIX = "/simulator/";

    /** A "status" of the failure hooks: close the connection without any answer (a network failure). */
    public static final int DROP = FaultInjection.DROP;

    private static final Logger LOG = Logger.getLogger(OpenApiServer.class.getName());

    private final HttpServer http;
    private final ExecutorService executor;
    private final URI baseUri;

    private final FaultInjection faults = new FaultInjection();
    private final UsageReceiver usage;
    private final OAuthProvider oauth;
    private final QueryOrderHandler queryOrder;
    private final UsagePushHandler usagePush;
    private final AdminHandler admin;
    private volatile Consumer<String> events = line -> { };

    private OpenApiServer(HttpServer http, ExecutorService executor, String ak, String sk, String host, Clock clock) {
        this.usage = new UsageReceiver(null, clock);
        this.oauth = new OAuthProvider(clock);
        this.http = http;
        this.executor = executor;
        Instant epoch = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String shownHost = host == null || host.isBlank() || "0.0.0.0".equals(host) || "::".equals(host)
                ? "localhost" : host;
        if (shownHost.contains(":") && !shownHost.startsWith("[")) {
            shownHost = "[" + shownHost + "]";
        }
        this.baseUri = URI.create("http://" + shownHost + ":" + http.getAddress().getPort());
        ApigVerifier signature = new ApigVerifier(ak, sk, clock, baseUri.getAuthority());
        Consumer<String> eventLine = line -> events.accept(line);
        this.queryOrder = new QueryOrderHandler(signature, faults, epoch);
        this.usagePush = new UsagePushHandler(usage, signature, faults, eventLine);
        this.admin = new AdminHandler(signature, this, usage, oauth, faults, eventLine);
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
        server.route();
        http.start();
        return server;
    }

    /** Query Order, usage push, the admin API and the identity service; 404 everywhere else. */
    private void route() {
        http.createContext(QueryOrder.PATH, HttpExchanges.logged(LOG, "Query Order simulator failed",
                HttpExchanges.exactly(QueryOrder.PATH, queryOrder)));
        http.createContext(UsageReceiver.PATH, HttpExchanges.logged(LOG, "Usage push simulator failed",
                HttpExchanges.exactly(UsageReceiver.PATH, usagePush)));
        http.createContext(ADMIN_PREFIX, admin);
        oauth.install(http);
        http.createContext("/", HttpExchanges::notFound);
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
        queryOrder.register(order);
    }

    /** The registered order with this id, if any (synthesized orders are not registered). */
    public OrderInfo order(String orderId) {
        return queryOrder.order(orderId);
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
        faults.failUsagePushes(n, httpStatus);
    }

    /**
     * The next {@code n} usage pushes are taken (their records checked and kept) but answered with {@code httpStatus}
     * (or dropped, {@link #DROP}) as if the answer were lost on the way back: the seller must retry and must not
     * count the records twice. {@code n = 0} cancels a pending plan.
     */
    public void setUsageLoseAnswers(int n, int httpStatus) {
        faults.loseUsageAnswers(n, httpStatus);
    }

    /**
     * An outage of the usage API until switched off: every push fails with {@code httpStatus} ({@link #DROP}: the
     * connection is closed without an answer) and nothing is kept. {@code null} ends the outage.
     */
    public void setUsageOutage(Integer httpStatus) {
        faults.usageOutage(httpStatus);
    }

    /**
     * Holds every usage push's answer back this long <em>after</em> its records were judged and kept: the window in
     * which a seller that dies has sent but not yet booked. Setting {@link Duration#ZERO} releases held answers.
     */
    public void setUsageAnswerDelay(Duration delay) {
        faults.usageAnswerDelay(delay);
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
        queryOrder.setSynthesizeUnknown(synthesize);
    }

    /**
     * The next {@code n} Query Order calls (whatever their signature) are answered with {@code httpStatus} and a
     * KooGallery error body. {@code n = 0} cancels a pending plan.
     */
    public void setFailNext(int n, int httpStatus) {
        faults.failQueryOrders(n, httpStatus);
    }

    /** Every Query Order answer (and usage push) is held back this long. {@link Duration#ZERO} answers at once. */
    public void setDelay(Duration delay) {
        faults.delay(delay);
    }

    /** Query Order requests received, whatever their outcome. */
    public long queryOrderCount() {
        return queryOrder.count();
    }

    /**
     * The {@code orderId} of every Query Order request received, whatever its outcome, in arrival order
     * ({@code ""} when absent). A snapshot; only the first million are kept.
     */
    public List<String> queriedOrderIds() {
        return queryOrder.queriedOrderIds();
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
}
