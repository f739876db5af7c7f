package dev.stallkeeper.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a load run does. Exactly one of {@code rate} (open loop: requests start on a fixed schedule whatever the
 * answers) and {@code connections} (closed loop: each connection sends its next request when the previous answer
 * arrived) is set.
 *
 * @param url            the seller's production address
 * @param key            the key bound to the basic interface
 * @param rate           open loop: requests per second, or {@code null}
 * @param connections    closed loop: concurrent connections, or {@code null}
 * @param duration       measured time
 * @param warmup         time before the measurement during which load runs but nothing is recorded
 * @param mix            activity to relative weight, see {@link #ACTIVITIES}
 * @param queryIds       at most this many instance ids per {@code queryInstance}
 * @param testFlag       send {@code testFlag="1"} (the seller then provisions nothing)
 * @param maxInFlight    open loop: requests outstanding at once before the schedule waits (their latency keeps counting
 *                       from the intended start)
 * @param requestTimeout a request unanswered this long counts as an error
 */
public record LoadPlan(URI url, String key, Double rate, Integer connections, Duration duration, Duration warmup,
                       Map<String, Integer> mix, int queryIds, boolean testFlag, int maxInFlight,
                       Duration requestTimeout) {

    /** The activities a load run can generate. */
    public static final Set<String> ACTIVITIES = Set.of("newInstance", "queryInstance");

    public LoadPlan {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(duration, "duration");
        warmup = warmup == null ? Duration.ZERO : warmup;
        requestTimeout = requestTimeout == null ? CallbackClient.DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        if ((rate == null) == (connections == null)) {
            throw new IllegalArgumentException("Give exactly one of rate and connections");
        }
        if (rate != null && !(rate > 0)) {
            throw new IllegalArgumentException("rate must be > 0");
        }
        if (connections != null && connections < 1) {
            throw new IllegalArgumentException("connections must be >= 1");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be > 0");
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("warmup must be >= 0");
        }
        if (queryIds < 1) {
            throw new IllegalArgumentException("queryIds must be >= 1");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1");
        }
        Objects.requireNonNull(mix, "mix");
        int total = 0;
        for (Map.Entry<String, Integer> e : mix.entrySet()) {
            if (!ACTIVITIES.contains(e.getKey())) {
                throw new IllegalArgumentException("Cannot generate load for activity '" + e.getKey()
                        + "'; supported: " + ACTIVITIES);
            }
            if (e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException("Weight of " + e.getKey() + " must be >= 0");
            }
            total += e.getValue();
        }
        if (total <= 0) {
            throw new IllegalArgumentException("The mix needs at least one activity with a positive weight");
        }
        mix = Collections.unmodifiableMap(new LinkedHashMap<>(mix));
    }

    /**
     * Parses {@code newInstance:70,queryInstance:30}; a missing weight means 1.
     *
     * @throws IllegalArgumentException on a malformed weight
     */
    public static Map<String, Integer> parseMix(String text) {
        Map<String, Integer> mix = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            int colon = item.indexOf(':');
            String activity = (colon < 0 ? item : item.substring(0, colon)).trim();
            int weight;
            try {
                weight = colon < 0 ? 1 : Integer.parseInt(item.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Bad weight in mix item '" + item + "'");
            }
            mix.merge(activity, weight, Integer::sum);
        }
        return mix;
    }

    public boolean openLoop() {
        return rate != null;
    }
}
