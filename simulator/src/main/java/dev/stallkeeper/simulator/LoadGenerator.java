package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.ResultCode;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives {@code newInstance}/{@code queryInstance} callbacks at a seller and measures the answers.
 *
 * <p>Open loop ({@link LoadPlan#rate()}): request {@code i} is due at {@code start + i / rate}; its latency is measured
 * from that due time, so a stalled server shows up in the percentiles instead of silently slowing the generator down
 * (no coordinated omission). Closed loop ({@link LoadPlan#connections()}): each connection measures from its own send.
 *
 * <p>Every {@code newInstance} is a new order ({@code LOAD<uuid-hex>}, line {@code <id>-000001}) without
 * {@code testFlag} unless the plan asks for it, so the seller really provisions and calls Query Order; point the seller
 * at a simulator started with {@code serve --synthesize}. {@code queryInstance} asks for instance ids returned so far;
 * until the first one arrives it is replaced by a {@code newInstance}.
 */
public final class LoadGenerator {

    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
    private static final int ID_POOL_SIZE = 1 << 16;

    private final LoadPlan plan;
    private final CallbackClient client;
    private final PrintWriter progress;
    private final Map<String, Stats> stats = new LinkedHashMap<>();
    private final Stats total = new Stats("total");
    private final String[] activities;
    private final int[] cumulativeWeights;
    private final AtomicReferenceArray<String> instanceIds = new AtomicReferenceArray<>(ID_POOL_SIZE);
    private final AtomicLong instanceIdsSeen = new AtomicLong();

    private final Histogram sendLagMicros = new ConcurrentHistogram(1, HIGHEST_MICROS, 3);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong answeredOk = new AtomicLong();
    private final AtomicLong answeredError = new AtomicLong();
    private volatile boolean warmingUp;

    /**
     * @param progress receives one line per second and nothing else; may be {@code null}
     */
    public LoadGenerator(LoadPlan plan, CallbackClient client, PrintWriter progress) {
        this.plan = plan;
        this.client = client;
        this.progress = progress;
        this.activities = plan.mix().keySet().toArray(String[]::new);
        this.cumulativeWeights = new int[activities.length];
        int sum = 0;
        for (int i = 0; i < activities.length; i++) {
            sum += plan.mix().get(activities[i]);
            cumulativeWeights[i] = sum;
            stats.put(activities[i], new Stats(activities[i]));
        }
        for (String activity : LoadPlan.ACTIVITIES) {
            stats.putIfAbsent(activity, new Stats(activity));
        }
    }

    /**
     * Before the run: creates {@code count} instances with newInstance ({@code concurrency} at a time), not measured,
     * so that queryInstance asks for real instances from its first request. Returns how many ids were obtained.
     */
    public int seed(int count, int concurrency) throws InterruptedException {
        Semaphore slots = new Semaphore(Math.max(1, concurrency));
        java.util.concurrent.atomic.AtomicInteger obtained = new java.util.concurrent.atomic.AtomicInteger();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slots.acquire();
            ObjectNode body = newInstanceBody();
            pending.add(client.sendAsync(body).whenComplete((result, failure) -> {
                try {
                    if (classify(result, failure) == null) {
                        JsonNode id = result.json().get("instanceId");
                        if (id != null && id.isTextual() && !id.asText().isEmpty()) {
                            remember(id.asText());
                            obtained.incrementAndGet();
                        }
                    }
                } finally {
                    slots.release();
                }
            }));
        }
        for (CompletableFuture<?> f : pending) {
            try {
                f.join();
            } catch (CompletionException e) {
                // counted as not obtained
            }
        }
        return obtained.get();
    }

    /** Runs warm-up plus measurement and waits for the outstanding answers (at most the request timeout). */
    public LoadReport run() throws InterruptedException {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "load-progress");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        long warmupNanos = plan.warmup().toNanos();
        long endNanos = warmupNanos + plan.duration().toNanos();
        warmingUp = warmupNanos > 0;
        ticker.scheduleAtFixedRate(new ProgressLine(start), 1, 1, TimeUnit.SECONDS);
        try {
            if (plan.openLoop()) {
                runOpenLoop(start, warmupNanos, endNanos);
            } else {
                runClosedLoop(start, warmupNanos, endNanos);
            }
        } finally {
            ticker.shutdownNow();
        }
        long measuredNanos = Math.max(1, Math.min(System.nanoTime() - start, endNanos) - warmupNanos);
        return report(Duration.ofNanos(measuredNanos), start + warmupNanos);
    }

    private void runOpenLoop(long start, long warmupNanos, long endNanos) throws InterruptedException {
        int maxInFlight = plan.maxInFlight();
        Semaphore inFlight = new Semaphore(maxInFlight);
        double nanosPerRequest = 1e9 / plan.rate();
        for (long i = 0; ; i++) {
            long offset = (long) (i * nanosPerRequest);
            if (offset >= endNanos) {
                break;
            }
            long due = start + offset;
            parkUntil(due);
            warmingUp = offset < warmupNanos;
            inFlight.acquire();
            boolean measured = offset >= warmupNanos;
            Request request = nextRequest();
            if (measured) {
                // How late the generator itself is: shows when it, not the seller, is the bottleneck.
                sendLagMicros.recordValue(Math.max(0, Math.min(HIGHEST_MICROS,
                        TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - due))));
            }
            sent.incrementAndGet();
            CompletableFuture<CallbackResult> answer;
            try {
                answer = client.sendAsync(request.body());
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete((result, failure) -> {
                try {
                    record(request.activity(), System.nanoTime() - due, result, failure, measured);
                } finally {
                    inFlight.release();
                }
            });
        }
        long drainMillis = plan.requestTimeout().toMillis() + 5_000;
        if (inFlight.tryAcquire(maxInFlight, drainMillis, TimeUnit.MILLISECONDS)) {
            inFlight.release(maxInFlight);
        }
    }

    private void runClosedLoop(long start, long warmupNanos, long endNanos) throws InterruptedException {
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < plan.connections(); c++) {
            Thread worker = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    long begin = System.nanoTime();
                    long offset = begin - start;
                    if (offset >= endNanos) {
                        return;
                    }
                    warmingUp = offset < warmupNanos;
                    Request request = nextRequest();
                    sent.incrementAndGet();
                    CallbackResult result = null;
                    Throwable failure = null;
                    try {
                        result = client.send(request.body());
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                    record(request.activity(), System.nanoTime() - begin, result, failure, offset >= warmupNanos);
                }
            }, "load-connection-" + c);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }

    private static void parkUntil(long due) {
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private Request nextRequest() {
        String activity = pickActivity();
        if ("queryInstance".equals(activity)) {
            List<String> ids = pickInstanceIds();
            if (!ids.isEmpty()) {
                ObjectNode body = Json.mapper().createObjectNode();
                body.put("activity", "queryInstance");
                body.put("instanceId", String.join(",", ids));
                addTestFlag(body);
                return new Request("queryInstance", body);
            }
        }
        return new Request("newInstance", newInstanceBody());
    }

    private ObjectNode newInstanceBody() {
        String orderId = "LOAD" + UUID.randomUUID().toString().replace("-", "");
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("activity", "newInstance");
        body.put("businessId", UUID.randomUUID().toString());
        body.put("orderId", orderId);
        body.put("orderLineId", orderId + "-000001");
        addTestFlag(body);
        return body;
    }

    private void addTestFlag(ObjectNode body) {
        if (plan.testFlag()) {
            body.put("testFlag", "1");
        }
    }

    private String pickActivity() {
        int r = ThreadLocalRandom.current().nextInt(cumulativeWeights[cumulativeWeights.length - 1]);
        for (int i = 0; i < cumulativeWeights.length; i++) {
            if (r < cumulativeWeights[i]) {
                return activities[i];
            }
        }
        return activities[activities.length - 1];
    }

    private List<String> pickInstanceIds() {
        long seen = instanceIdsSeen.get();
        int available = (int) Math.min(seen, ID_POOL_SIZE);
        if (available == 0) {
            return List.of();
        }
        int wanted = Math.min(plan.queryIds(), available);
        Set<String> ids = new LinkedHashSet<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (available <= 4 * wanted) {
            // A small pool: a partial shuffle gives exactly `wanted` distinct slots.
            int[] slots = new int[available];
            for (int i = 0; i < available; i++) {
                slots[i] = i;
            }
            for (int i = 0; i < wanted; i++) {
                int j = i + random.nextInt(available - i);
                int t = slots[i];
                slots[i] = slots[j];
                slots[j] = t;
                String id = instanceIds.get(slots[i]);
                if (id != null) {
                    ids.add(id);
                }
            }
        } else {
            for (int attempt = 0; attempt < wanted * 10 && ids.size() < wanted; attempt++) {
                String id = instanceIds.get(random.nextInt(available));
                if (id != null) {
                    ids.add(id);
                }
            }
        }
        return new ArrayList<>(ids);
    }

    private void remember(String instanceId) {
        long slot = instanceIdsSeen.getAndIncrement();
        instanceIds.set((int) (slot % ID_POOL_SIZE), instanceId);
    }

    private void record(String activity, long latencyNanos, CallbackResult result, Throwable failure,
                        boolean measured) {
        String error = classify(result, failure);
        if (error == null) {
            answeredOk.incrementAndGet();
            if ("newInstance".equals(activity)) {
                JsonNode id = result.json().get("instanceId");
                if (id != null && id.isTextual() && !id.asText().isEmpty()) {
                    remember(id.asText());
                }
            }
        } else {
            answeredError.incrementAndGet();
        }
        if (measured) {
            long micros = Math.max(0, Math.min(TimeUnit.NANOSECONDS.toMicros(latencyNanos), HIGHEST_MICROS));
            long now = System.nanoTime();
            stats.get(activity).record(micros, error, now);
            total.record(micros, error, now);
        }
    }

    /** {@code null} for a good answer ({@code 000000}, or {@code 000004} = still provisioning), else the error kind. */
    static String classify(CallbackResult result, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure;
            while ((cause instanceof CompletionException || cause instanceof ExecutionException
                    || cause instanceof java.io.UncheckedIOException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return "exception " + cause.getClass().getSimpleName();
        }
        if (result.status() != 200) {
            return "HTTP " + result.status();
        }
        if (result.resultCode() == null) {
            return "no resultCode";
        }
        if (ResultCode.SUCCESS.code().equals(result.resultCode())
                || ResultCode.PROCESSING.code().equals(result.resultCode())) {
            return null;
        }
        return "resultCode " + result.resultCode();
    }

    /**
     * @param measureStart when the measured window began; answers that arrive after the window (a backlog draining)
     *                     stretch the time over which the achieved throughput is computed
     */
    private LoadReport report(Duration measured, long measureStart) {
        double seconds = measured.toNanos() / 1e9;
        List<LoadReport.ActivitySummary> summaries = new ArrayList<>();
        for (String activity : activities) {
            summaries.add(stats.get(activity).summary(seconds, measureStart));
        }
        // queryInstance may be absent from the mix; newInstance can still appear as its stand-in.
        for (Map.Entry<String, Stats> e : stats.entrySet()) {
            if (!plan.mix().containsKey(e.getKey()) && e.getValue().count.sum() > 0) {
                summaries.add(e.getValue().summary(seconds, measureStart));
            }
        }
        Histogram lag = sendLagMicros.copy();
        boolean noLag = lag.getTotalCount() == 0;
        return new LoadReport(plan, measured, List.copyOf(summaries), total.summary(seconds, measureStart),
                noLag ? 0 : lag.getValueAtPercentile(99) / 1000.0, noLag ? 0 : lag.getMaxValue() / 1000.0);
    }

    private record Request(String activity, ObjectNode body) {
    }

    private static final class Stats {
        private final String activity;
        private final Histogram latencyMicros = new ConcurrentHistogram(1, HIGHEST_MICROS, 3);
        private final LongAdder count = new LongAdder();
        private final LongAdder ok = new LongAdder();
        private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

        Stats(String activity) {
            this.activity = activity;
        }

        private final java.util.concurrent.atomic.LongAccumulator lastAnswer =
                new java.util.concurrent.atomic.LongAccumulator(Math::max, Long.MIN_VALUE);

        void record(long micros, String error, long answeredAt) {
            lastAnswer.accumulate(answeredAt);
            latencyMicros.recordValue(Math.max(1, micros));
            count.increment();
            if (error == null) {
                ok.increment();
            } else {
                errors.computeIfAbsent(error, e -> new LongAdder()).increment();
            }
        }

        /**
         * Sent per second is the requests of the window over the window; throughput is the good answers over the
         * time from the window's start to the last answer (at least the window), so a server that falls behind shows
         * its real rate rather than the offered one.
         */
        LoadReport.ActivitySummary summary(double seconds, long measureStart) {
            long last = lastAnswer.get();
            double answeredSeconds = last == Long.MIN_VALUE ? seconds
                    : Math.max(seconds, (last - measureStart) / 1e9);
            Histogram h = latencyMicros.copy();
            long n = count.sum();
            long good = ok.sum();
            Map<String, Long> errorsBy = new TreeMap<>();
            errors.forEach((kind, adder) -> errorsBy.put(kind, adder.sum()));
            boolean empty = h.getTotalCount() == 0;
            return new LoadReport.ActivitySummary(activity, n, good, n - good, n / seconds, good / answeredSeconds,
                    empty ? 0 : h.getValueAtPercentile(50) / 1000.0,
                    empty ? 0 : h.getValueAtPercentile(90) / 1000.0,
                    empty ? 0 : h.getValueAtPercentile(99) / 1000.0,
                    empty ? 0 : h.getValueAtPercentile(99.9) / 1000.0,
                    empty ? 0 : h.getMaxValue() / 1000.0,
                    Collections.unmodifiableMap(errorsBy), distribution(h));
        }
    }

    /**
     * Latency at percentiles spaced evenly on the "nines" scale (0, 25, 44, ... 99.99) plus the maximum: the points of
     * HdrHistogram's percentile-distribution plot. Empty when nothing was recorded.
     */
    static List<LoadReport.Point> distribution(Histogram h) {
        if (h.getTotalCount() == 0) {
            return List.of();
        }
        List<LoadReport.Point> points = new ArrayList<>();
        for (int k = 0; k <= 32; k++) {
            double p = 100.0 * (1 - Math.pow(10, -k / 8.0));
            points.add(new LoadReport.Point(Math.round(p * 10_000) / 10_000.0, h.getValueAtPercentile(p) / 1000.0));
        }
        points.add(new LoadReport.Point(100.0, h.getMaxValue() / 1000.0));
        return List.copyOf(points);
    }

    /** Prints {@code [  3s] sent=150 ok=148 errors=0 in-flight=2 rate=50.0/s} once a second. */
    private final class ProgressLine implements Runnable {
        private final long start;
        private long lastSent;
        private long lastTick;

        ProgressLine(long start) {
            this.start = start;
            this.lastTick = start;
        }

        @Override
        public void run() {
            if (progress == null) {
                return;
            }
            long now = System.nanoTime();
            long s = sent.get();
            long ok = answeredOk.get();
            long err = answeredError.get();
            double rate = (s - lastSent) / Math.max(1e-9, (now - lastTick) / 1e9);
            lastSent = s;
            lastTick = now;
            progress.printf(Locale.ROOT, "[%4ds]%s sent=%d ok=%d errors=%d in-flight=%d rate=%.1f/s%n",
                    TimeUnit.NANOSECONDS.toSeconds(now - start), warmingUp ? " warmup" : "", s, ok, err,
                    s - ok - err, rate);
            progress.flush();
        }
    }
}
