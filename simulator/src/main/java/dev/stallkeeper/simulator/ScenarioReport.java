package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.Json;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one scenario run: a result per step (steps after the first failure are skipped) and the values
 * the steps captured.
 */
public record ScenarioReport(String scenario, URI target, List<ConformanceReport.CaseResult> steps,
                             Map<String, String> captured) {

    public boolean allPassed() {
        return !steps.isEmpty() && steps.stream().allMatch(ConformanceReport.CaseResult::passed);
    }

    public long count(ConformanceReport.Status status) {
        return steps.stream().filter(s -> s.status() == status).count();
    }

    public String format(boolean verbose) {
        StringBuilder out = new StringBuilder();
        String nl = System.lineSeparator();
        out.append("scenario ").append(scenario).append(" against ").append(target).append(nl);
        int i = 1;
        for (ConformanceReport.CaseResult s : steps) {
            out.append(String.format(Locale.ROOT, "%-4s  %2d. %-58s %6d ms%n", s.status(), i++, s.name(),
                    s.durationMs()));
            if (s.reason() != null) {
                out.append("      ").append(s.reason()).append(nl);
            }
            if (verbose || s.status() == ConformanceReport.Status.FAIL) {
                for (ConformanceReport.Exchange e : s.exchanges()) {
                    out.append("        > ").append(e.label()).append(": ").append(e.request()).append(nl);
                    out.append("        < ").append(e.status() == 0 ? "no answer" : "HTTP " + e.status())
                            .append(" in ").append(e.latencyMs()).append(" ms: ").append(e.response()).append(nl);
                }
            }
        }
        if (!captured.isEmpty()) {
            out.append("captured: ");
            out.append(String.join(", ", captured.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .toList())).append(nl);
        }
        out.append(String.format(Locale.ROOT, "%s: %d passed, %d failed, %d skipped%n", "scenario",
                count(ConformanceReport.Status.PASS), count(ConformanceReport.Status.FAIL),
                count(ConformanceReport.Status.SKIP)));
        return out.toString();
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("scenario", scenario);
        node.put("target", target.toString());
        node.put("ok", allPassed());
        ArrayNode list = node.putArray("steps");
        for (ConformanceReport.CaseResult s : steps) {
            ObjectNode n = list.addObject();
            n.put("name", s.name());
            n.put("status", s.status().name());
            if (s.reason() != null) {
                n.put("reason", s.reason());
            }
            n.put("durationMs", s.durationMs());
            ArrayNode ex = n.putArray("exchanges");
            for (ConformanceReport.Exchange e : s.exchanges()) {
                ObjectNode x = ex.addObject();
                x.put("label", e.label());
                x.put("request", e.request());
                x.put("status", e.status());
                if (e.resultCode() != null) {
                    x.put("resultCode", e.resultCode());
                }
                x.put("latencyMs", e.latencyMs());
                x.put("response", e.response());
            }
        }
        ObjectNode cap = node.putObject("captured");
        captured.forEach(cap::put);
        return node;
    }
}
