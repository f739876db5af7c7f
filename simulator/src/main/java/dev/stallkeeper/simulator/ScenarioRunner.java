package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.KooTime;
import dev.stallkeeper.protocol.order.BuyerInfo;
import dev.stallkeeper.protocol.order.OrderInfo;
import dev.stallkeeper.protocol.order.OrderLine;
import dev.stallkeeper.protocol.order.ProductInfo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Plays a {@link Scenario} against a production address: registers its orders (with {@code ${run}} made unique),
 * then runs the steps in order, each answer held to the response contract ({@link Probe}) and to the step's
 * expectations. The first failing step ends the run; the rest are reported as skipped.
 */
public final class ScenarioRunner {

    private static final Duration DEFAULT_POLL_EVERY = Duration.ofSeconds(1);
    private static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofSeconds(60);

    private final CallbackClient client;
    private final OrderRegistry registry;
    private final Probe probe;
    private final Clock clock = Clock.systemUTC();

    /**
     * @param registry where the scenario's orders go; {@code null} when the seller's Query Order already knows them
     */
    public ScenarioRunner(CallbackClient client, OrderRegistry registry, Duration deadline, boolean requireBodySign) {
        this.client = Objects.requireNonNull(client, "client");
        this.registry = registry;
        this.probe = new Probe(client, deadline, requireBodySign);
    }

    public ScenarioReport run(Scenario scenario) {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
        ScenarioVariables vars = new ScenarioVariables(run, clock);
        List<ConformanceReport.CaseResult> results = new ArrayList<>();
        if (!scenario.orders().isEmpty()) {
            long start = System.nanoTime();
            String reason = null;
            try {
                registerOrders(scenario, vars);
            } catch (RuntimeException e) {
                reason = "could not register the orders: " + e.getMessage();
            }
            results.add(new ConformanceReport.CaseResult("register " + scenario.orders().size()
                    + " order(s) in Query Order", "", reason == null ? ConformanceReport.Status.PASS
                    : ConformanceReport.Status.FAIL, reason, millisSince(start), List.of()));
        }
        boolean failed = results.stream().anyMatch(r -> !r.passed());
        for (int i = 0; i < scenario.steps().size(); i++) {
            Scenario.Step step = scenario.steps().get(i);
            String label = step.label(i + 1);
            if (failed) {
                results.add(new ConformanceReport.CaseResult(label, "", ConformanceReport.Status.SKIP,
                        "not run after a failed step", 0, List.of()));
                continue;
            }
            long start = System.nanoTime();
            String reason = null;
            try {
                runStep(step, label, vars);
            } catch (Probe.Failure e) {
                reason = e.getMessage();
            } catch (RuntimeException e) {
                reason = "cannot run this step: " + e.getMessage();
            }
            failed = reason != null;
            results.add(new ConformanceReport.CaseResult(label, "", failed ? ConformanceReport.Status.FAIL
                    : ConformanceReport.Status.PASS, reason, millisSince(start), probe.drain()));
        }
        Map<String, String> captured = new LinkedHashMap<>();
        for (Scenario.Step step : scenario.steps()) {
            if (step.capture() != null) {
                step.capture().keySet().forEach(name -> {
                    if (vars.get(name) != null) {
                        captured.put(name, vars.get(name));
                    }
                });
            }
        }
        return new ScenarioReport(scenario.name(), client.productionAddress(), List.copyOf(results), captured);
    }

    private void registerOrders(Scenario scenario, ScenarioVariables vars) {
        if (registry == null) {
            return;
        }
        for (Scenario.OrderSpec spec : scenario.orders()) {
            registry.register(order(spec, vars));
        }
    }

    /** The {@link OrderInfo} a spec describes, created now, expiring at its offset. */
    static OrderInfo order(Scenario.OrderSpec spec, ScenarioVariables vars) {
        String id = vars.expand(spec.id());
        List<ProductInfo> products = spec.products().stream()
                .map(p -> new ProductInfo(vars.expand(p.productId()), vars.expand(p.skuCode()), p.linearValue(),
                        p.productName() == null ? null : vars.expand(p.productName())))
                .toList();
        java.time.Instant now = java.time.Instant.now();
        String expires = spec.expires() == null ? null
                : KooTime.format14(ScenarioVariables.offset(spec.expires(), now));
        OrderLine line = new OrderLine(id + "-000001", spec.chargingMode(), spec.periodType(), spec.periodNumber(),
                expires, spec.amount() == null ? null : new BigDecimal(spec.amount()), SimulatedOrders.CURRENCY,
                products);
        BuyerInfo buyer = spec.buyer() != null ? spec.buyer()
                : new BuyerInfo("scenario-" + vars.get("run").toLowerCase(Locale.ROOT), "Scenario buyer "
                + vars.get("run"), null, null, null, null);
        return new OrderInfo(id, spec.type(), KooTime.format14(now), List.of(line), buyer, List.of());
    }

    private void runStep(Scenario.Step step, String label, ScenarioVariables vars) {
        if (step.pause() != null) {
            sleep(Durations.parse(step.pause()));
            return;
        }
        if (step.distinct() != null) {
            Set<String> seen = new HashSet<>();
            for (String expr : step.distinct()) {
                String value = vars.expand(expr);
                if (!seen.add(value)) {
                    throw new Probe.Failure(label + ": " + expr + " = " + value + " is not distinct from the others "
                            + step.distinct());
                }
            }
            return;
        }
        if (step.repeat() != null) {
            repeat(step, label, vars);
        } else if (step.poll() != null) {
            poll(step, label, vars);
        } else {
            CallbackResult r = probe.send(label, body(step, vars));
            judge(step, label, r, vars);
            capture(step, label, r, vars);
        }
    }

    private ObjectNode body(Scenario.Step step, ScenarioVariables vars) {
        ObjectNode body = dev.stallkeeper.protocol.Json.mapper().createObjectNode();
        body.put("activity", step.activity());
        if (step.fields() != null) {
            JsonNode expanded = vars.expand(step.fields());
            expanded.fields().forEachRemaining(e -> body.set(e.getKey(), e.getValue()));
        }
        if (Boolean.TRUE.equals(step.test())) {
            body.put("testFlag", "1");
        }
        return body;
    }

    private void judge(Scenario.Step step, String label, CallbackResult r, ScenarioVariables vars) {
        List<String> codes = step.expectedCodes();
        if (codes.get(0).startsWith("!")) {
            if (codes.contains("!" + r.resultCode())) {
                throw new Probe.Failure(label + ": expected a resultCode other than "
                        + String.join(", ", codes.stream().map(c -> c.substring(1)).toList()) + ", got "
                        + r.resultCode() + Probe.message(r));
            }
        } else {
            Probe.expect(label, r, codes.toArray(String[]::new));
        }
        if (step.check() != null) {
            for (Map.Entry<String, String> c : step.check().entrySet()) {
                String problem = check(r.json(), c.getKey(), c.getValue(), vars);
                if (problem != null) {
                    throw new Probe.Failure(label + ": " + problem);
                }
            }
        }
    }

    /** Why the answer fails one check, or {@code null}. */
    static String check(JsonNode answer, String path, String expected, ScenarioVariables vars) {
        boolean size = path.endsWith("#");
        JsonNode node = answer.at(pointer(size ? path.substring(0, path.length() - 1) : path));
        String actual;
        if (size) {
            actual = node.isArray() ? Integer.toString(node.size()) : null;
        } else {
            actual = node.isMissingNode() || node.isNull() ? null : node.isValueNode() ? node.asText() : node.toString();
        }
        if ("*".equals(expected)) {
            return actual == null || actual.isBlank() ? path + " is missing or empty" : null;
        }
        String want = vars.expand(expected);
        return want.equals(actual) ? null : path + " is " + (actual == null ? "missing" : "'" + actual + "'")
                + ", expected '" + want + "'";
    }

    static String pointer(String path) {
        return path.startsWith("/") ? path : "/" + path;
    }

    private static void capture(Scenario.Step step, String label, CallbackResult r, ScenarioVariables vars) {
        if (step.capture() == null) {
            return;
        }
        for (Map.Entry<String, String> c : step.capture().entrySet()) {
            JsonNode node = r.json().at(pointer(c.getValue()));
            if (!node.isValueNode() || node.asText().isEmpty()) {
                throw new Probe.Failure(label + ": cannot capture " + c.getKey() + " from " + c.getValue()
                        + ": not in the answer");
            }
            vars.put(c.getKey(), node.asText());
        }
    }

    private void poll(Scenario.Step step, String label, ScenarioVariables vars) {
        Scenario.Poll poll = step.poll();
        String until = poll.until() != null ? poll.until() : step.expectedCodes().get(0);
        Duration every = poll.every() == null ? DEFAULT_POLL_EVERY : Durations.parse(poll.every());
        Duration timeout = poll.timeout() == null ? DEFAULT_POLL_TIMEOUT : Durations.parse(poll.timeout());
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> allowed = new ArrayList<>(step.expectedCodes());
        allowed.add("000004");
        while (true) {
            CallbackResult r = probe.send(label, body(step, vars));
            if (until.equals(r.resultCode())) {
                try {
                    judge(step, label, r, vars);
                    capture(step, label, r, vars);
                    return;
                } catch (Probe.Failure e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                }
            } else {
                Probe.expect(label, r, allowed.toArray(String[]::new));
                if (System.nanoTime() > deadline) {
                    throw new Probe.Failure(label + ": still " + r.resultCode() + " after polling for "
                            + timeout.toSeconds() + " s, waiting for " + until);
                }
            }
            sleep(every);
        }
    }

    /**
     * KooGallery resending: {@code times} copies, each with its own expansion ({@code ${uuid}}) and nonce, one after
     * the other or released together from {@code times} threads. Every answer must pass; {@code same} pointers must
     * agree across all answers.
     */
    private void repeat(Scenario.Step step, String label, ScenarioVariables vars) {
        int times = step.repeat().times();
        List<CallbackResult> answers = new ArrayList<>();
        if (step.repeat().concurrent()) {
            List<ObjectNode> bodies = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                bodies.add(body(step, vars));
            }
            ExecutorService pool = Executors.newFixedThreadPool(times);
            CountDownLatch go = new CountDownLatch(1);
            try {
                List<CompletableFuture<CallbackResult>> futures = new ArrayList<>();
                for (int i = 0; i < times; i++) {
                    ObjectNode body = bodies.get(i);
                    String copy = label + " #" + (i + 1);
                    futures.add(CompletableFuture.supplyAsync(() -> {
                        await(go);
                        return probe.send(copy, body);
                    }, pool));
                }
                go.countDown();
                for (CompletableFuture<CallbackResult> f : futures) {
                    try {
                        answers.add(f.join());
                    } catch (java.util.concurrent.CompletionException e) {
                        if (e.getCause() instanceof Probe.Failure failure) {
                            throw failure;
                        }
                        throw e;
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        } else {
            for (int i = 0; i < times; i++) {
                answers.add(probe.send(label + " #" + (i + 1), body(step, vars)));
            }
        }
        for (int i = 0; i < answers.size(); i++) {
            judge(step, label + " #" + (i + 1), answers.get(i), vars);
        }
        if (step.same() != null) {
            for (String path : step.same()) {
                Set<String> values = new java.util.LinkedHashSet<>();
                for (CallbackResult r : answers) {
                    JsonNode n = r.json().at(pointer(path));
                    values.add(n.isMissingNode() ? "(missing)" : n.asText());
                }
                if (values.size() != 1) {
                    throw new Probe.Failure(label + ": " + times + " answers disagree on " + path + ": " + values);
                }
            }
        }
        capture(step, label, answers.get(0), vars);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Probe.Failure("interrupted");
        }
    }

    private static long millisSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
