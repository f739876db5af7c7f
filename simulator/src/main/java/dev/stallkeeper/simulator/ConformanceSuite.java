package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.KooTime;
import dev.stallkeeper.protocol.order.MockOrders;
import dev.stallkeeper.protocol.order.OrderInfo;
import dev.stallkeeper.protocol.order.ProductInfo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The cases KooGallery's interface debugging tool runs before a product may be published (spec §4.4), for one billing
 * mode (§1.2), plus the acceptance cases of §10.2 that a caller can observe from outside: idempotency, request limits
 * and the security of the signature (§2.2). Every answer is also held to the response contract (HTTP 200, JSON,
 * 6-character resultCode, Body-Sign over the exact bytes, answered within the deadline).
 *
 * <p>Two ways to run:
 * <ul>
 *   <li><b>debug</b> (default): as the debugging tool, every call carries {@code testFlag="1"} and newInstance names
 *       the documented mock orders ({@link MockOrders}); the seller's Query Order (real KooGallery, or the simulator's
 *       {@code serve}) knows them. Repeatable as often as wanted.</li>
 *   <li><b>live</b>: no {@code testFlag}; the seller really provisions, renews, freezes and releases. The suite makes
 *       fresh orders shaped like the mock ones and registers them in an {@link OrderRegistry} the seller's Query Order
 *       reads. Adds the checks only real state allows (unknown instance gives {@code 000003}; pay-per-use with two
 *       billed items gives two instances).</li>
 * </ul>
 * The security cases always use debug calls: a refused request must have no effect, and an accepted one should not
 * create anything.
 */
public final class ConformanceSuite {

    /** A billing mode as named on the command line (§1.2 columns). */
    public enum Billing {
        PERIOD("period", MockOrders.PERIOD_YEAR_NEW),
        ONE_TIME("one-time", MockOrders.ONE_TIME_NEW),
        ON_DEMAND("on-demand", MockOrders.ON_DEMAND),
        PACKAGE("package", MockOrders.ON_DEMAND_PKG);

        private final String wireName;
        private final String newOrder;

        Billing(String wireName, String newOrder) {
            this.wireName = wireName;
            this.newOrder = newOrder;
        }

        public String wireName() {
            return wireName;
        }

        /** The mock order a new purchase in this mode uses. */
        public String newOrder() {
            return newOrder;
        }

        public static Billing parse(String text) {
            for (Billing b : values()) {
                if (b.wireName.equalsIgnoreCase(text) || b.name().equalsIgnoreCase(text)) {
                    return b;
                }
            }
            throw new IllegalArgumentException("billing must be one of period, one-time, on-demand, package: " + text);
        }

        @Override
        public String toString() {
            return wireName;
        }
    }

    /**
     * What to run.
     *
     * @param billing          which mode's mandatory cases
     * @param registry         live mode: where to register the fresh orders; {@code null} runs debug mode
     * @param deadline         an answer slower than this fails its case (KooGallery: 20 s)
     * @param provisionTimeout how long to poll queryInstance after a {@code 000004} newInstance
     * @param pollInterval     pause between those polls
     * @param requireBodySign  whether a missing Body-Sign fails (a wrong one always does)
     * @param oversizeBytes    size of the body of the oversized-body case
     * @param skip             case names (or prefixes of them) not to run
     * @param security         whether to run the signature and hostile-input cases
     */
    public record Options(Billing billing, OrderRegistry registry, Duration deadline, Duration provisionTimeout,
                          Duration pollInterval, boolean requireBodySign, int oversizeBytes, Set<String> skip,
                          boolean security) {

        public Options {
            Objects.requireNonNull(billing, "billing");
            Objects.requireNonNull(deadline, "deadline");
            Objects.requireNonNull(provisionTimeout, "provisionTimeout");
            Objects.requireNonNull(pollInterval, "pollInterval");
            skip = skip == null ? Set.of() : Set.copyOf(skip);
            if (oversizeBytes < 1024) {
                throw new IllegalArgumentException("oversizeBytes must be >= 1024");
            }
        }

        /** Debug mode, KooGallery's 20 s deadline, 60 s provisioning, Body-Sign required, 1 MiB oversized body. */
        public static Options defaults(Billing billing) {
            return new Options(billing, null, Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(1),
                    true, 1 << 20, Set.of(), true);
        }

        public Options live(OrderRegistry registry) {
            return new Options(billing, Objects.requireNonNull(registry, "registry"), deadline, provisionTimeout,
                    pollInterval, requireBodySign, oversizeBytes, skip, security);
        }

        public Options deadline(Duration d) {
            return new Options(billing, registry, d, provisionTimeout, pollInterval, requireBodySign, oversizeBytes,
                    skip, security);
        }

        public Options polling(Duration timeout, Duration interval) {
            return new Options(billing, registry, deadline, timeout, interval, requireBodySign, oversizeBytes, skip,
                    security);
        }

        public Options requireBodySign(boolean required) {
            return new Options(billing, registry, deadline, provisionTimeout, pollInterval, required, oversizeBytes,
                    skip, security);
        }

        public Options oversizeBytes(int bytes) {
            return new Options(billing, registry, deadline, provisionTimeout, pollInterval, requireBodySign, bytes,
                    skip, security);
        }

        public Options skip(Set<String> names) {
            return new Options(billing, registry, deadline, provisionTimeout, pollInterval, requireBodySign,
                    oversizeBytes, names, security);
        }

        public Options security(boolean run) {
            return new Options(billing, registry, deadline, provisionTimeout, pollInterval, requireBodySign,
                    oversizeBytes, skip, run);
        }

        public boolean isLive() {
            return registry != null;
        }
    }

    /** The orders a run uses, by role. */
    private enum Role {
        NEW, TRIAL, TRIAL_TO_FORMAL, RENEW, RENEW_AGAIN, UNSUBSCRIBE, CHANGE
    }

    private static final Map<Role, String> MOCK_BY_ROLE = Map.of(
            Role.TRIAL, MockOrders.PERIOD_DAY_TRIAL,
            Role.TRIAL_TO_FORMAL, MockOrders.MONTH_TRIAL_TO_FORMAL,
            Role.RENEW, MockOrders.MONTH_RENEW,
            Role.RENEW_AGAIN, MockOrders.MONTH_RENEW,
            Role.UNSUBSCRIBE, MockOrders.MONTH_UNSUBSCRIBE,
            Role.CHANGE, MockOrders.MONTH_CHANGE);

    private final CallbackClient client;
    private final Options options;
    private final Probe probe;
    private final Map<Role, OrderInfo> orders = new LinkedHashMap<>();
    /** Instances made by earlier cases: "main", "second" (second pay-per-use item), "trial". */
    private final Map<String, String> instances = new LinkedHashMap<>();
    private final Set<String> failedCases = new HashSet<>();
    private long slowestMs;

    public ConformanceSuite(CallbackClient client, Options options) {
        this.client = Objects.requireNonNull(client, "client");
        this.options = Objects.requireNonNull(options, "options");
        this.probe = new Probe(client, options.deadline(), options.requireBodySign());
    }

    /** Runs every applicable case in order and reports each. Never throws for a misbehaving seller. */
    public ConformanceReport run() {
        prepareOrders();
        List<ConformanceReport.CaseResult> results = new ArrayList<>();
        for (Case c : cases()) {
            if (!c.applies().test(options)) {
                continue;
            }
            results.add(run(c));
        }
        results.add(deadlineCase());
        return new ConformanceReport(client.productionAddress(), options.billing(), options.isLive(),
                List.copyOf(results));
    }

    private ConformanceReport.CaseResult run(Case c) {
        if (options.skip().stream().anyMatch(s -> c.name().toLowerCase(Locale.ROOT)
                .startsWith(s.toLowerCase(Locale.ROOT)))) {
            return new ConformanceReport.CaseResult(c.name(), c.reference(), ConformanceReport.Status.SKIP,
                    "skipped on request", 0, List.of());
        }
        for (String need : c.needs()) {
            if (!instances.containsKey(need)) {
                return new ConformanceReport.CaseResult(c.name(), c.reference(), ConformanceReport.Status.SKIP,
                        "needs the " + need + " instance, which an earlier case did not create", 0, List.of());
            }
        }
        long start = System.nanoTime();
        String reason = null;
        try {
            c.body().run();
        } catch (Probe.Failure e) {
            reason = e.getMessage();
        } catch (RuntimeException e) {
            reason = "the simulator could not run this case: " + e;
        }
        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        List<ConformanceReport.Exchange> exchanges = probe.drain();
        exchanges.forEach(x -> slowestMs = Math.max(slowestMs, x.latencyMs()));
        if (reason != null) {
            failedCases.add(c.name());
        }
        return new ConformanceReport.CaseResult(c.name(), c.reference(),
                reason == null ? ConformanceReport.Status.PASS : ConformanceReport.Status.FAIL, reason, ms, exchanges);
    }

    private ConformanceReport.CaseResult deadlineCase() {
        boolean ok = slowestMs <= options.deadline().toMillis();
        return new ConformanceReport.CaseResult("every answer within the deadline", "§1.1, §4.1, §10.2 #24",
                ok ? ConformanceReport.Status.PASS : ConformanceReport.Status.FAIL,
                ok ? null : "slowest answer took " + slowestMs + " ms, deadline " + options.deadline().toMillis()
                        + " ms", 0, List.of());
    }

    private record Case(String name, String reference, Predicate<Options> applies, List<String> needs,
                        Runnable body) {
    }

    private static Predicate<Options> billing(Billing... modes) {
        Set<Billing> set = Set.of(modes);
        return o -> set.contains(o.billing());
    }

    private static final Predicate<Options> ALL = o -> true;
    private static final Predicate<Options> SECURITY = Options::security;

    private List<Case> cases() {
        Predicate<Options> period = billing(Billing.PERIOD);
        Predicate<Options> livePeriod = period.and(Options::isLive);
        List<Case> list = new ArrayList<>();
        list.add(new Case("newInstance", "§1.4.1, §10.2 #1", ALL, List.of(), this::newInstance));
        list.add(new Case("newInstance resent with a new businessId", "§1.6, §10.2 #2", ALL, List.of("main"),
                this::newInstanceResent));
        list.add(new Case("newInstance for a trial order", "§5.1, §4.4", period, List.of(), this::newTrial));
        list.add(new Case("queryInstance", "§1.4.2, §10.2 #14", ALL, List.of("main"), this::queryInstance));
        list.add(new Case("refreshInstance RENEWAL", "§1.4.3, §10.2 #16", period, List.of("main"),
                () -> refresh("main", Role.RENEW, "RENEWAL", KooTime.format14(months(14)), true)));
        list.add(new Case("refreshInstance with a 17-digit expireTime", "§1.4.3, §10.2 #17", period,
                List.of("main"), () -> refresh("main", Role.RENEW_AGAIN, "RENEWAL",
                        KooTime.format17(months(15)), false)));
        list.add(new Case("refreshInstance TRIAL_TO_FORMAL", "§1.4.3, §10.2 #18", period, List.of("trial"),
                () -> refresh("trial", Role.TRIAL_TO_FORMAL, "TRIAL_TO_FORMAL", KooTime.format14(months(1)), true)));
        list.add(new Case("refreshInstance UNSUBSCRIBE_RENEWAL_PERIOD", "§1.4.3, §10.2 #18", period,
                List.of("main"), () -> refresh("main", Role.UNSUBSCRIBE, "UNSUBSCRIBE_RENEWAL_PERIOD",
                        KooTime.format14(months(13)), true)));
        list.add(new Case("updateInstanceStatus FREEZE", "§1.4.4, §10.2 #20", period, List.of("main"),
                () -> status("FREEZE")));
        list.add(new Case("updateInstanceStatus UNFREEZE", "§1.4.4, §10.2 #20", period, List.of("main"),
                () -> status("UNFREEZE")));
        list.add(new Case("updateInstanceStatus with an unknown status", "§10.2 #20", period, List.of("main"),
                this::unknownStatus));
        list.add(new Case("changeInstanceCheck", "§1.4.7, §10.2 #23", period, List.of("main"),
                this::changeInstanceCheck));
        list.add(new Case("upgradeInstance", "§1.4.6, §10.2 #22", period, List.of("main"), this::upgradeInstance));
        list.add(new Case("refreshInstance of an unknown instance", "§1.4.3, §10.2 #19", livePeriod, List.of(),
                () -> unknownInstance("refreshInstance")));
        list.add(new Case("updateInstanceStatus of an unknown instance", "§3", livePeriod, List.of(),
                () -> unknownInstance("updateInstanceStatus")));
        list.add(new Case("releaseInstance", "§1.4.5, §10.2 #21", ALL, List.of("main"), this::releaseInstance));
        list.add(new Case("releaseInstance of an unknown instance", "§1.4.5, §10.2 #21",
                o -> o.isLive(), List.of(), this::releaseUnknown));
        list.add(new Case("queryInstance with 101 ids", "§1.4.2, §10.2 #15", ALL, List.of(), this::query101));
        list.add(new Case("queryInstance with an empty instanceId", "§1.4.2, §10.2 #15", ALL, List.of(),
                this::queryEmpty));
        list.add(new Case("unknown activity", "§10.2 #12", ALL, List.of(), this::unknownActivity));
        list.add(new Case("security: flipped signature", "§2.2, §10.2 #6", SECURITY, List.of(), this::badSignature));
        list.add(new Case("security: upper-case signature accepted", "§2.2.1, §10.2 #7", SECURITY, List.of(),
                this::upperCaseSignature));
        list.add(new Case("security: stale timestamp (now - 61 s)", "§2.2.2, §10.2 #8", SECURITY, List.of(),
                () -> shiftedTimestamp(-61_000)));
        list.add(new Case("security: future timestamp (now + 61 s)", "§2.2.2, §10.2 #9", SECURITY, List.of(),
                () -> shiftedTimestamp(61_000)));
        list.add(new Case("security: missing signature, timestamp, nonce", "§2.2.2, §10.2 #10", SECURITY, List.of(),
                this::missingParameters));
        list.add(new Case("security: replayed request", "§2.2.2, §10.2 #11", SECURITY, List.of(),
                this::replayIdentical));
        list.add(new Case("security: replayed nonce with another body", "§2.2.2, §10.2 #11", SECURITY, List.of(),
                this::replayOtherBody));
        list.add(new Case("security: malformed JSON", "§1.1, §3", SECURITY, List.of(), this::malformedJson));
        list.add(new Case("security: oversized body", "§3", SECURITY, List.of(), this::oversizedBody));
        return list;
    }

    // ---------------------------------------------------------------------------------------------- orders

    private void prepareOrders() {
        List<OrderInfo> mocks = SimulatedOrders.mockOrders(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        Map<String, OrderInfo> byId = new LinkedHashMap<>();
        mocks.forEach(o -> byId.put(o.orderId(), o));
        orders.put(Role.NEW, byId.get(options.billing().newOrder()));
        MOCK_BY_ROLE.forEach((role, id) -> orders.put(role, byId.get(id)));
        if (!options.isLive()) {
            return;
        }
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
        for (Role role : Role.values()) {
            OrderInfo fresh = SimulatedOrders.renamed(orders.get(role), "CONF" + run + role.ordinal());
            if (role == Role.NEW && options.billing() == Billing.ON_DEMAND) {
                // One pay-per-use spec with two billed items: two newInstance calls, two instances (§1.4.1, #4).
                ProductInfo first = fresh.orderLine().get(0).productInfo().get(0);
                fresh = SimulatedOrders.withProducts(fresh, List.of(
                        new ProductInfo(first.productId() + "-A", first.skuCode(), null, first.productName() + " A"),
                        new ProductInfo(first.productId() + "-B", first.skuCode(), null, first.productName() + " B")));
            }
            options.registry().register(fresh);
            orders.put(role, fresh);
        }
    }

    private String orderId(Role role) {
        return orders.get(role).orderId();
    }

    private String lineId(Role role) {
        return orders.get(role).orderLine().get(0).orderLineId();
    }

    private static Instant months(int n) {
        return Instant.now().atZone(ZoneOffset.UTC).plusMonths(n).toInstant();
    }

    // ---------------------------------------------------------------------------------------------- bodies

    private ObjectNode body(String activity) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("activity", activity);
        return body;
    }

    /** Adds {@code testFlag="1"} in debug mode. */
    private ObjectNode flagged(ObjectNode body) {
        if (!options.isLive()) {
            body.put("testFlag", "1");
        }
        return body;
    }

    private ObjectNode newInstanceBody(Role role, String productId) {
        ObjectNode body = body("newInstance");
        body.put("businessId", UUID.randomUUID().toString());
        body.put("orderId", orderId(role));
        body.put("orderLineId", lineId(role));
        if (productId != null) {
            body.put("productId", productId);
        }
        return flagged(body);
    }

    /** The debug newInstance the security cases send (never creates anything real). */
    private ObjectNode debugNewInstance() {
        ObjectNode body = body("newInstance");
        body.put("businessId", UUID.randomUUID().toString());
        body.put("orderId", options.billing().newOrder());
        body.put("orderLineId", options.billing().newOrder() + MockOrders.ORDER_LINE_SUFFIX);
        body.put("testFlag", "1");
        return body;
    }

    // ---------------------------------------------------------------------------------------------- lifecycle

    /** Products that get their own newInstance: live pay-per-use with several billed items, else one call. */
    private List<String> productsToCreate() {
        List<ProductInfo> products = orders.get(Role.NEW).orderLine().get(0).productInfo();
        if (options.isLive() && options.billing() == Billing.ON_DEMAND && products.size() > 1) {
            return products.stream().map(ProductInfo::productId).toList();
        }
        return Arrays.asList((String) null);
    }

    private void newInstance() {
        List<String> products = productsToCreate();
        for (int i = 0; i < products.size(); i++) {
            String product = products.get(i);
            String label = product == null ? "newInstance" : "newInstance productId=" + product;
            CallbackResult r = probe.send(label, newInstanceBody(Role.NEW, product));
            Probe.expect(label, r, "000000", "000004");
            String id = Probe.instanceId(label, r);
            if ("000004".equals(r.resultCode())) {
                awaitProvisioned(id);
            }
            instances.put(i == 0 ? "main" : "second", id);
        }
        if (instances.containsKey("second") && instances.get("second").equals(instances.get("main"))) {
            throw new Probe.Failure("two billed items of one pay-per-use order got the same instanceId "
                    + instances.get("main") + " (§10.2 #4 wants one instance each)");
        }
    }

    private void newInstanceResent() {
        List<String> products = productsToCreate();
        for (int i = 0; i < products.size(); i++) {
            String product = products.get(i);
            String expected = instances.get(i == 0 ? "main" : "second");
            for (int attempt = 1; attempt <= 2; attempt++) {
                String label = "newInstance resent #" + attempt + (product == null ? "" : " productId=" + product);
                CallbackResult r = probe.send(label, newInstanceBody(Role.NEW, product));
                Probe.expect(label, r, "000000", "000004");
                String id = Probe.instanceId(label, r);
                if (!id.equals(expected)) {
                    throw new Probe.Failure(label + ": instanceId " + id + " differs from the first answer's "
                            + expected + "; a resent newInstance must return the same instance");
                }
            }
        }
    }

    private void newTrial() {
        CallbackResult r = probe.send("newInstance (trial)", newInstanceBody(Role.TRIAL, null));
        Probe.expect("newInstance (trial)", r, "000000", "000004");
        String id = Probe.instanceId("newInstance (trial)", r);
        if ("000004".equals(r.resultCode())) {
            awaitProvisioned(id);
        }
        instances.put("trial", id);
    }

    /** Polls queryInstance after a 000004 until the instance has its info (§1.4.1 asynchronous create). */
    private void awaitProvisioned(String id) {
        long deadline = System.nanoTime() + options.provisionTimeout().toNanos();
        while (true) {
            CallbackResult r = probe.send("queryInstance (poll)", flagged(body("queryInstance").put("instanceId", id)));
            if ("000000".equals(r.resultCode()) && infoFor(r, id) != null) {
                return;
            }
            Probe.expect("queryInstance (poll)", r, "000000", "000004");
            if (System.nanoTime() > deadline) {
                throw new Probe.Failure("instance " + id + " still not provisioned after "
                        + options.provisionTimeout().toSeconds() + " s of polling queryInstance");
            }
            sleep(options.pollInterval());
        }
    }

    private void queryInstance() {
        List<String> ids = new ArrayList<>();
        ids.add(instances.get("main"));
        if (instances.containsKey("second")) {
            ids.add(instances.get("second"));
        }
        if (instances.containsKey("trial")) {
            ids.add(instances.get("trial"));
        }
        String label = "queryInstance " + ids.size() + " id(s)";
        CallbackResult r = probe.send(label, flagged(body("queryInstance").put("instanceId", String.join(",", ids))));
        Probe.expect(label, r, "000000");
        for (String id : ids) {
            JsonNode entry = infoFor(r, id);
            if (entry == null) {
                throw new Probe.Failure(label + ": info has no entry for " + id);
            }
            JsonNode url = entry.path("appInfo").path("frontEndUrl");
            if (!url.isTextual() || url.asText().isBlank()) {
                throw new Probe.Failure(label + ": info entry of " + id + " has no appInfo.frontEndUrl");
            }
            if (url.asText().length() > 512) {
                throw new Probe.Failure(label + ": frontEndUrl of " + id + " has " + url.asText().length()
                        + " characters, at most 512 allowed");
            }
        }
    }

    private static JsonNode infoFor(CallbackResult r, String id) {
        JsonNode info = r.json().get("info");
        if (info == null || !info.isArray()) {
            return null;
        }
        for (JsonNode entry : info) {
            if (id.equals(entry.path("instanceId").asText(null))) {
                return entry;
            }
        }
        return null;
    }

    private void refresh(String instance, Role role, String scene, String expireTime, boolean resend) {
        ObjectNode body = flagged(body("refreshInstance")
                .put("instanceId", instances.get(instance))
                .put("orderId", orderId(role))
                .put("orderLineId", lineId(role))
                .put("scene", scene)
                .put("expireTime", expireTime));
        String label = "refreshInstance " + scene;
        Probe.expect(label, probe.send(label, body), "000000");
        if (resend) {
            Probe.expect(label + " resent", probe.send(label + " resent", body.deepCopy()), "000000");
        }
    }

    private void status(String status) {
        ObjectNode body = flagged(body("updateInstanceStatus").put("instanceId", instances.get("main"))
                .put("status", status));
        String label = "updateInstanceStatus " + status;
        Probe.expect(label, probe.send(label, body), "000000");
        Probe.expect(label + " again", probe.send(label + " again", body.deepCopy()), "000000");
    }

    private void unknownStatus() {
        ObjectNode body = flagged(body("updateInstanceStatus").put("instanceId", instances.get("main"))
                .put("status", "PAUSE"));
        Probe.expect("updateInstanceStatus PAUSE", probe.send("updateInstanceStatus PAUSE", body), "000002");
    }

    private void changeInstanceCheck() {
        ProductInfo target = orders.get(Role.CHANGE).orderLine().get(0).productInfo().get(0);
        ObjectNode body = body("changeInstanceCheck").put("instanceId", instances.get("main"));
        ObjectNode product = body.putObject("productInfo");
        product.put("productId", target.productId());
        product.put("skuCode", target.skuCode());
        if (target.linearValue() != null) {
            product.put("linearValue", target.linearValue());
        }
        product.put("productName", target.productName());
        Probe.expect("changeInstanceCheck", probe.send("changeInstanceCheck", flagged(body)), "000000");
    }

    private void upgradeInstance() {
        ObjectNode body = flagged(body("upgradeInstance").put("instanceId", instances.get("main"))
                .put("orderId", orderId(Role.CHANGE)).put("orderLineId", lineId(Role.CHANGE)));
        Probe.expect("upgradeInstance", probe.send("upgradeInstance", body), "000000");
        Probe.expect("upgradeInstance resent", probe.send("upgradeInstance resent", body.deepCopy()), "000000");
    }

    private void unknownInstance(String activity) {
        String id = "conformance-unknown-" + UUID.randomUUID();
        ObjectNode body = body(activity).put("instanceId", id);
        if ("refreshInstance".equals(activity)) {
            body.put("orderId", orderId(Role.RENEW)).put("orderLineId", lineId(Role.RENEW)).put("scene", "RENEWAL")
                    .put("expireTime", KooTime.format14(months(2)));
        } else {
            body.put("status", "FREEZE");
        }
        Probe.expect(activity + " unknown instance", probe.send(activity + " unknown instance", body), "000003");
    }

    private void releaseInstance() {
        for (String role : List.of("main", "second", "trial")) {
            String id = instances.get(role);
            if (id == null) {
                continue;
            }
            ObjectNode body = flagged(body("releaseInstance").put("instanceId", id));
            String label = "releaseInstance " + role;
            Probe.expect(label, probe.send(label, body), "000000");
            Probe.expect(label + " again", probe.send(label + " again", body.deepCopy()), "000000");
        }
    }

    private void releaseUnknown() {
        ObjectNode body = body("releaseInstance").put("instanceId", "conformance-unknown-" + UUID.randomUUID());
        // §1.4.5 and #21 allow either answer as long as the seller is consistent.
        Probe.expect("releaseInstance unknown instance", probe.send("releaseInstance unknown instance", body),
                "000003", "000000");
    }

    private void query101() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            ids.add("conformance-" + i);
        }
        ObjectNode body = flagged(body("queryInstance").put("instanceId", String.join(",", ids)));
        Probe.expect("queryInstance 101 ids", probe.send("queryInstance 101 ids", body), "000002");
    }

    private void queryEmpty() {
        ObjectNode body = flagged(body("queryInstance").put("instanceId", ""));
        Probe.expect("queryInstance instanceId=\"\"", probe.send("queryInstance instanceId=\"\"", body), "000002");
    }

    private void unknownActivity() {
        ObjectNode body = flagged(body("deleteEverything").put("instanceId", "conformance-probe"));
        Probe.expect("activity deleteEverything", probe.send("activity deleteEverything", body), "000002");
    }

    // ---------------------------------------------------------------------------------------------- security

    private void badSignature() {
        CallbackClient.SignedCallback s = client.sign(debugNewInstance());
        String good = s.signature();
        int at = 10;
        char flipped = good.charAt(at) == 'a' ? 'b' : 'a';
        String bad = good.substring(0, at) + flipped + good.substring(at + 1);
        CallbackResult r = probe.send("newInstance with one hex digit of the signature flipped", s.body(), s.nonce(),
                s.timestamp(), bad);
        Probe.expect("flipped signature", r, "000001");
    }

    private void upperCaseSignature() {
        CallbackClient.SignedCallback s = client.sign(debugNewInstance());
        CallbackResult r = probe.send("newInstance with the signature in upper case", s.body(), s.nonce(),
                s.timestamp(), s.signature().toUpperCase(Locale.ROOT));
        Probe.expect("upper-case signature", r, "000000", "000004");
    }

    private void shiftedTimestamp(long shiftMillis) {
        byte[] body = Json.write(debugNewInstance());
        String nonce = CallbackClient.newNonce();
        String ts = Long.toString(System.currentTimeMillis() + shiftMillis);
        String sig = dev.stallkeeper.protocol.V2Signature.sign(client.key(), nonce, ts, body);
        String label = "newInstance with timestamp now " + (shiftMillis < 0 ? "- " : "+ ") + Math.abs(shiftMillis)
                + " ms";
        CallbackResult r = probe.send(label, body, nonce, ts, sig);
        // §10.2 #8: 000002 per Huawei's sample, 000001 also acceptable; #9: "rejected".
        Probe.expect(label, r, "000002", "000001");
    }

    private void missingParameters() {
        CallbackClient.SignedCallback s = client.sign(debugNewInstance());
        Probe.expect("no nonce", probe.send("newInstance without nonce", s.body(), null, s.timestamp(),
                s.signature()), "000002");
        CallbackClient.SignedCallback t = client.sign(debugNewInstance());
        Probe.expect("no timestamp", probe.send("newInstance without timestamp", t.body(), t.nonce(), null,
                t.signature()), "000002");
        CallbackClient.SignedCallback u = client.sign(debugNewInstance());
        Probe.expect("no signature", probe.send("newInstance without signature", u.body(), u.nonce(),
                u.timestamp(), null), "000001");
    }

    private void replayIdentical() {
        CallbackClient.SignedCallback s = client.sign(debugNewInstance());
        CallbackResult first = probe.send("newInstance", s.body(), s.nonce(), s.timestamp(), s.signature());
        Probe.expect("first request", first, "000000", "000004");
        CallbackResult again = probe.send("the same request again (same nonce)", s.body(), s.nonce(), s.timestamp(),
                s.signature());
        if (!Objects.equals(first.resultCode(), again.resultCode())
                || !Objects.equals(first.json().path("instanceId").asText(null),
                again.json().path("instanceId").asText(null))) {
            throw new Probe.Failure("a replay of an identical request must get the first answer again: first "
                    + first.bodyText() + ", replay " + again.bodyText());
        }
    }

    private void replayOtherBody() {
        CallbackClient.SignedCallback s = client.sign(debugNewInstance());
        Probe.expect("first request", probe.send("newInstance", s.body(), s.nonce(), s.timestamp(), s.signature()),
                "000000", "000004");
        byte[] other = Json.write(debugNewInstance());
        String sig = dev.stallkeeper.protocol.V2Signature.sign(client.key(), s.nonce(), s.timestamp(), other);
        Probe.expect("same nonce, another body", probe.send("another body, correctly signed, with the same nonce",
                other, s.nonce(), s.timestamp(), sig), "000001");
    }

    private void malformedJson() {
        byte[] body = "{\"activity\":\"newInstance\",\"orderId\":".getBytes(StandardCharsets.UTF_8);
        String nonce = CallbackClient.newNonce();
        String ts = Long.toString(System.currentTimeMillis());
        CallbackResult r = probe.send("truncated JSON, signed over its raw bytes", body, nonce, ts,
                CallbackClient.signRaw(client.key(), nonce, ts, body));
        Probe.expect("malformed JSON", r, "000002");
    }

    private void oversizedBody() {
        ObjectNode body = debugNewInstance();
        body.put("padding", "x".repeat(options.oversizeBytes()));
        CallbackResult r = probe.send("newInstance padded to " + options.oversizeBytes() + " bytes", body);
        Probe.expect("oversized body", r, "000002");
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Probe.Failure("interrupted");
        }
    }
}
