package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.Json;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a load run: one summary per activity plus the total, over the measured window only.
 *
 * @param plan       what was run
 * @param measured   the measured window as it actually elapsed
 * @param activities per activity, in mix order
 * @param total      all activities together
 * @param sendLagP99Ms open loop: how far behind its schedule the generator sent (p99), 0 in closed loop
 * @param sendLagMaxMs open loop: the same, maximum
 */
public record LoadReport(LoadPlan plan, Duration measured, List<ActivitySummary> activities, ActivitySummary total,
                         double sendLagP99Ms, double sendLagMaxMs) {

    /**
     * Counts and latencies of one activity. {@code sentPerSecond}: requests of the measured window over the window;
     * {@code throughputPerSecond}: good answers per second from the window's start to the last answer. Latency runs from the request's intended start (open loop) or its
     * actual start (closed loop) to the end of the answer, and covers every request, failed ones included.
     *
     * @param errorsBy error kind ({@code resultCode 000005}, {@code HTTP 500}, {@code exception HttpTimeoutException})
     *                 to count
     */
    public record ActivitySummary(String activity, long count, long ok, long errors, double sentPerSecond,
                                  double throughputPerSecond,
                                  double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs,
                                  Map<String, Long> errorsBy, List<Point> distribution) {

        public ActivitySummary {
            distribution = distribution == null ? List.of() : List.copyOf(distribution);
        }

        ObjectNode toJson() {
            ObjectNode node = Json.mapper().createObjectNode();
            node.put("count", count);
            node.put("ok", ok);
            node.put("errors", errors);
            node.put("sentPerSecond", round(sentPerSecond));
            node.put("throughputPerSecond", round(throughputPerSecond));
            ObjectNode latency = node.putObject("latencyMs");
            latency.put("p50", round(p50Ms));
            latency.put("p90", round(p90Ms));
            latency.put("p99", round(p99Ms));
            latency.put("p99.9", round(p999Ms));
            latency.put("max", round(maxMs));
            com.fasterxml.jackson.databind.node.ArrayNode points = latency.putArray("distribution");
            for (Point p : distribution) {
                points.addArray().add(p.percentile()).add(round(p.latencyMs()));
            }
            ObjectNode errors = node.putObject("errorsBy");
            errorsBy.forEach(errors::put);
            return node;
        }
    }

    /** One point of a latency distribution: {@code latencyMs} at {@code percentile} (0-100). */
    public record Point(double percentile, double latencyMs) {
    }

    /** The chart series: one per activity with answers, plus the total when there are several. */
    public List<LatencyChart.Series> chartSeries(String prefix) {
        List<LatencyChart.Series> series = new java.util.ArrayList<>();
        List<ActivitySummary> withData = activities.stream().filter(a -> !a.distribution().isEmpty()).toList();
        for (ActivitySummary a : withData) {
            series.add(new LatencyChart.Series(prefix + a.activity(), a.distribution()));
        }
        if (withData.size() > 1) {
            series.add(new LatencyChart.Series(prefix + "total", total.distribution()));
        }
        return series;
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("url", plan.url().toString());
        node.put("mode", plan.openLoop() ? "open" : "closed");
        if (plan.openLoop()) {
            node.put("rate", plan.rate());
        } else {
            node.put("connections", plan.connections());
        }
        node.put("warmupSeconds", plan.warmup().toMillis() / 1000.0);
        node.put("durationSeconds", plan.duration().toMillis() / 1000.0);
        node.put("measuredSeconds", round(measured.toNanos() / 1e9));
        ObjectNode perActivity = node.putObject("activities");
        for (ActivitySummary summary : activities) {
            perActivity.set(summary.activity(), summary.toJson());
        }
        node.set("total", total.toJson());
        if (plan.openLoop()) {
            ObjectNode lag = node.putObject("sendLagMs");
            lag.put("p99", round(sendLagP99Ms));
            lag.put("max", round(sendLagMaxMs));
        }
        return node;
    }

    /** A fixed-width table followed by the errors, for the console. */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-15s %9s %9s %7s %9s %9s %9s %9s %9s %9s %9s%n", "activity",
                "count", "ok", "errors", "sent/s", "ok/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms"));
        for (ActivitySummary s : activities) {
            row(out, s);
        }
        row(out, total);
        boolean anyErrors = false;
        for (ActivitySummary s : activities) {
            for (Map.Entry<String, Long> e : s.errorsBy().entrySet()) {
                if (!anyErrors) {
                    out.append("errors:").append(System.lineSeparator());
                    anyErrors = true;
                }
                out.append(String.format(Locale.ROOT, "  %-15s %-40s %9d%n", s.activity(), e.getKey(), e.getValue()));
            }
        }
        if (!anyErrors) {
            out.append("errors: none").append(System.lineSeparator());
        }
        if (plan.openLoop()) {
            out.append(String.format(Locale.ROOT, "generator: sent up to %.1f ms behind schedule (p99 %.1f ms)%s%n",
                    sendLagMaxMs, sendLagP99Ms, sendLagMaxMs > 100
                            ? "; the generator itself fell behind (latency still counts from the schedule)" : ""));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, ActivitySummary s) {
        out.append(String.format(Locale.ROOT, "%-15s %9d %9d %7d %9.1f %9.1f %9.2f %9.2f %9.2f %9.2f %9.2f%n",
                s.activity(), s.count(), s.ok(), s.errors(), s.sentPerSecond(), s.throughputPerSecond(), s.p50Ms(),
                s.p90Ms(), s.p99Ms(), s.p999Ms(), s.maxMs()));
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
