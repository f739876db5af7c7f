package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallkeeper.protocol.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code chart}: one latency chart from the JSON summaries of several load runs. */
@Command(name = "chart", mixinStandardHelpOptions = true,
        description = {"Draws the latency percentile distributions recorded in `load --json` summaries into one "
                + "chart (.svg, otherwise PNG), one line per run and activity: for comparing rates.",
                "Exit code 0 when the chart was written."})
final class ChartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SUMMARY[=LABEL]", arity = "1..*",
            description = "A load --json file, optionally with the label its lines get (default: the file name).")
    List<String> summaries = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The chart file to write.")
    Path out;

    @Option(names = "--title", defaultValue = "Callback latency", description = "Chart title (default: ${DEFAULT-VALUE}).")
    String title;

    @Option(names = "--activity", paramLabel = "NAME",
            description = "Only this activity of each summary (e.g. newInstance); default: every activity.")
    String activity;

    @Override
    public Integer call() {
        List<LatencyChart.Series> series = new ArrayList<>();
        for (String item : summaries) {
            int eq = item.indexOf('=');
            Path file = Path.of(eq < 0 ? item : item.substring(0, eq));
            String label = eq < 0 ? file.getFileName().toString().replaceFirst("\\.json$", "") : item.substring(eq + 1);
            JsonNode root;
            try {
                root = Json.mapper().readTree(Files.readAllBytes(file));
            } catch (IOException e) {
                spec.commandLine().getErr().println("Cannot read " + file + ": " + e.getMessage());
                return 1;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("activities").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (activity != null && !activity.equals(e.getKey())) {
                    continue;
                }
                List<LoadReport.Point> points = new ArrayList<>();
                e.getValue().path("latencyMs").path("distribution")
                        .forEach(p -> points.add(new LoadReport.Point(p.get(0).asDouble(), p.get(1).asDouble())));
                if (!points.isEmpty()) {
                    series.add(new LatencyChart.Series(label + " " + e.getKey(), points));
                }
            }
        }
        if (series.isEmpty()) {
            spec.commandLine().getErr().println("No latency distribution in the given summaries");
            return 1;
        }
        try {
            LatencyChart.write(out, title, series);
        } catch (IOException e) {
            spec.commandLine().getErr().println("Cannot write " + out + ": " + e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().println("chart written to " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
