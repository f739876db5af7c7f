package dev.stallkeeper.simulator;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code load}: open- or closed-loop callback load with latency percentiles. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Sends newInstance/queryInstance callbacks at a fixed arrival rate (open loop, latency from each "
                + "request's intended start) or over N connections (closed loop), then prints per-activity counts, "
                + "throughput, p50/p90/p99/p99.9/max latency and errors.",
                "Every newInstance is a new order LOAD<uuid-hex> without testFlag, so the seller provisions for real "
                        + "and calls Query Order: point its KOOGALLERY_API_BASE at `serve --synthesize`.",
                "A progress line goes to standard error about once a second; the summary (errors by result code "
                        + "included) to standard output, or as JSON with --json; --chart draws the latency "
                        + "percentile distribution (PNG or SVG by the file name).",
                "Exit code 0 unless the run could not start."})
final class LoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Shape shape;

    static final class Shape {
        @Option(names = "--rate", paramLabel = "R", description = "Open loop: requests per second.")
        Double rate;

        @Option(names = "--connections", paramLabel = "N", description = "Closed loop: concurrent connections.")
        Integer connections;
    }

    @Option(names = "--duration", defaultValue = "30s", description = "Measured time (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "0s",
            description = "Load before the measurement, not recorded (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--mix", defaultValue = "newInstance:70,queryInstance:30",
            description = "Activities and weights (default: ${DEFAULT-VALUE}).")
    String mix;

    @Option(names = "--query-ids", defaultValue = "100",
            description = "At most this many instance ids per queryInstance (default: ${DEFAULT-VALUE}).")
    int queryIds;

    @Option(names = "--test", description = "Send testFlag=\"1\" (the seller provisions nothing).")
    boolean test;

    @Option(names = "--max-in-flight", defaultValue = "10000",
            description = "Open loop: outstanding requests before the schedule waits; waiting still counts as "
                    + "latency (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--timeout", defaultValue = "30s",
            description = "A request unanswered this long is an error (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    JsonOutput json;

    @Option(names = "--chart", paramLabel = "FILE",
            description = "Draw the latency percentile distribution to FILE (.svg, otherwise PNG).")
    Path chart;

    @Option(names = "--seed-instances", paramLabel = "N", defaultValue = "0",
            description = "Before the run, create N instances (not measured) so that every queryInstance asks for "
                    + "real ones; use with --query-ids (default: ${DEFAULT-VALUE}).")
    int seedInstances;

    @Override
    public Integer call() throws InterruptedException {
        URI url = target.url;
        String key = target.key.require(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadPlan plan;
        try {
            plan = new LoadPlan(url, key, shape.rate, shape.connections, duration, warmup, LoadPlan.parseMix(mix),
                    queryIds, test, maxInFlight, timeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (json.file() != null && !writable(json.file(), err)) {
            return 1;
        }
        if (chart != null && !writable(chart, err)) {
            return 1;
        }
        CallbackClient client = new CallbackClient(url, key, CallbackClient.defaultHttpClient(), timeout);
        boolean jsonOnly = json.only();
        PrintWriter text = jsonOnly ? err : out;
        text.printf("load %s: %s for %ds after %ds warm-up, mix %s%n", url,
                plan.openLoop() ? plan.rate() + " requests/s (open loop)"
                        : plan.connections() + " connections (closed loop)",
                duration.toSeconds(), warmup.toSeconds(), plan.mix());
        text.flush();

        LoadGenerator generator = new LoadGenerator(plan, client, err);
        if (seedInstances > 0) {
            int seeded = generator.seed(seedInstances, 8);
            err.printf("seeded %d of %d instances for queryInstance%n", seeded, seedInstances);
            err.flush();
        }
        LoadReport report = generator.run();

        if (!jsonOnly) {
            out.println();
            out.print(report.format());
            out.flush();
        }
        if (json.requested() && json.write(report.toJson(), out, err) && !jsonOnly) {
            out.println("summary written to " + json.target);
        }
        if (chart != null) {
            String title = String.format(java.util.Locale.ROOT, "%s, %s", url.getHost() + ":" + url.getPort(),
                    plan.openLoop() ? plan.rate() + " req/s offered" : plan.connections() + " connections");
            try {
                LatencyChart.write(chart, title, report.chartSeries(""));
                text.println("chart written to " + chart);
            } catch (IOException e) {
                err.println("Cannot write " + chart + ": " + e.getMessage());
            }
        }
        out.flush();
        return 0;
    }

    /** Fails before the run rather than losing its result afterwards. */
    private static boolean writable(Path file, PrintWriter err) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            if (!Files.isWritable(file)) {
                err.println("Cannot write " + file);
                return false;
            }
            return true;
        } catch (IOException e) {
            err.println("Cannot write " + file + ": " + e.getMessage());
            return false;
        }
    }
}
