package dev.stallkeeper.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * This node's counters for operators, written in Prometheus' text format (version 0.0.4) by {@code /api/metrics}.
 * In memory and per node: they start at zero when the node starts, which Prometheus' {@code rate()} and
 * {@code increase()} handle. Labels are bounded: interface and activity names come from Stallkeeper's own channels
 * (an authenticated body's activity is one of KooGallery's, anything else is counted as {@code other}), result codes
 * are six characters.
 */
@ApplicationScoped
public class NodeMetrics {

    /** Upper bounds of the answer-time histogram, in seconds (KooGallery waits 20 s). */
    static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20};
    private static final int MAX_SERIES = 2000;

    private final Map<List<String>, LongAdder> callbacks = new ConcurrentHashMap<>();
    private final Map<String, Histogram> answerTimes = new ConcurrentHashMap<>();
    private final Map<List<String>, LongAdder> events = new ConcurrentHashMap<>();

    private static final class Histogram {
        final LongAdder[] buckets = new LongAdder[BUCKETS.length];
        final LongAdder count = new LongAdder();
        final LongAdder sumMillis = new LongAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(long millis) {
            double seconds = millis / 1000.0;
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    buckets[i].increment();
                }
            }
            count.increment();
            sumMillis.add(millis);
        }
    }

    /** One answered callback. */
    public void callback(String iface, String activity, String resultCode, long millis) {
        String a = activity == null ? "none" : activity.matches("[A-Za-z]{1,32}") ? activity : "other";
        String code = resultCode == null || !resultCode.matches("[0-9A-Za-z]{1,8}") ? "other" : resultCode;
        List<String> key = List.of(label(iface), a, code);
        if (callbacks.size() < MAX_SERIES || callbacks.containsKey(key)) {
            callbacks.computeIfAbsent(key, k -> new LongAdder()).increment();
        }
        answerTimes.computeIfAbsent(label(iface), k -> new Histogram()).observe(Math.max(0, millis));
    }

    /** Counts something that happened ({@code name} a fixed metric name, {@code detail} a bounded label value). */
    public void event(String name, String detail) {
        List<String> key = List.of(name, label(detail));
        if (events.size() < MAX_SERIES || events.containsKey(key)) {
            events.computeIfAbsent(key, k -> new LongAdder()).increment();
        }
    }

    public long callbacks(String iface, String activity, String resultCode) {
        LongAdder n = callbacks.get(List.of(iface, activity, resultCode));
        return n == null ? 0 : n.sum();
    }

    /** The counters and histograms in Prometheus' text format. */
    public void writeTo(PrometheusText out) {
        out.help("stallkeeper_callbacks_total", "counter", "Callbacks answered by this node, by interface, activity and result code");
        Map<String, Long> sorted = new TreeMap<>();
        callbacks.forEach((k, v) -> sorted.put(String.join("\u0000", k), v.sum()));
        sorted.forEach((k, v) -> {
            String[] l = k.split("\u0000", -1);
            out.sample("stallkeeper_callbacks_total", v, "interface", l[0], "activity", l[1], "result_code", l[2]);
        });
        out.help("stallkeeper_callback_answer_seconds", "histogram", "Time from a callback's arrival to its answer");
        new TreeMap<>(answerTimes).forEach((iface, h) -> {
            for (int i = 0; i < BUCKETS.length; i++) {
                out.sample("stallkeeper_callback_answer_seconds_bucket", h.buckets[i].sum(), "interface", iface,
                        "le", String.format(Locale.ROOT, "%s", BUCKETS[i]));
            }
            out.sample("stallkeeper_callback_answer_seconds_bucket", h.count.sum(), "interface", iface, "le", "+Inf");
            out.sample("stallkeeper_callback_answer_seconds_sum", h.sumMillis.sum() / 1000.0, "interface", iface);
            out.sample("stallkeeper_callback_answer_seconds_count", h.count.sum(), "interface", iface);
        });
        Map<String, Map<String, Long>> byName = new TreeMap<>();
        Map.copyOf(events).forEach((k, v) -> byName.computeIfAbsent(k.get(0), n -> new TreeMap<>()).put(k.get(1), v.sum()));
        byName.forEach((name, values) -> {
            out.help(name, "counter", "Events of this node: " + name.replace('_', ' '));
            values.forEach((detail, v) -> out.sample(name, v, "kind", detail));
        });
    }

    private static String label(String s) {
        return s == null ? "none" : s.length() <= 64 ? s : s.substring(0, 64);
    }
}
