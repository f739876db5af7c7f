package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.Json;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a {@link ConformanceSuite} run: one {@link CaseResult} per case, in run order.
 *
 * @param target  the production address
 * @param billing the billing mode whose cases ran
 * @param live    whether lifecycle calls were real ({@code false}: debug calls with {@code testFlag="1"})
 */
public record ConformanceReport(URI target, ConformanceSuite.Billing billing, boolean live, List<CaseResult> cases) {

    /** How a case ended. */
    public enum Status { PASS, FAIL, SKIP }

    /**
     * One exchange of a case, for the report.
     *
     * @param label      what was sent, e.g. {@code newInstance} or {@code newInstance (flipped signature)}
     * @param request    the body as sent (cut to a readable length)
     * @param status     HTTP status, 0 when no answer came
     * @param resultCode the answer's resultCode, {@code null} when none
     * @param latencyMs  from sending to the last byte of the answer
     * @param response   the answer body (cut to a readable length) or the transport error
     */
    public record Exchange(String label, String request, int status, String resultCode, long latencyMs,
                           String response) {
    }

    /**
     * @param name      short name, e.g. {@code refreshInstance RENEWAL}
     * @param reference where the protocol document requires it, e.g. {@code §1.4.3, §10.2 #16}
     * @param reason    why it failed or was skipped; {@code null} on a pass
     */
    public record CaseResult(String name, String reference, Status status, String reason, long durationMs,
                             List<Exchange> exchanges) {

        public boolean passed() {
            return status == Status.PASS;
        }
    }

    public long count(Status status) {
        return cases.stream().filter(c -> c.status() == status).count();
    }

    /** True when no case failed and none was skipped for want of an earlier case's result. */
    public boolean allPassed() {
        return cases.stream().noneMatch(c -> c.status() == Status.FAIL);
    }

    /** The readable report: one line per case, the reason under each failure, a closing count. */
    public String format(boolean verbose) {
        StringBuilder out = new StringBuilder();
        String nl = System.lineSeparator();
        out.append("conformance of ").append(target).append(" (billing ").append(billing.wireName()).append(", ")
                .append(live ? "live calls without testFlag" : "debug calls with testFlag=\"1\"").append(')').append(nl);
        for (CaseResult c : cases) {
            out.append(String.format(Locale.ROOT, "%-4s  %-52s %-22s %6d ms%n", c.status(), c.name(), c.reference(),
                    c.durationMs()));
            if (c.reason() != null) {
                out.append("      ").append(c.reason()).append(nl);
            }
            if (verbose || c.status() == Status.FAIL) {
                for (Exchange e : c.exchanges()) {
                    out.append("        > ").append(e.label()).append(": ").append(e.request()).append(nl);
                    out.append("        < ").append(e.status() == 0 ? "no answer" : "HTTP " + e.status())
                            .append(" in ").append(e.latencyMs()).append(" ms: ").append(e.response()).append(nl);
                }
            }
        }
        out.append(String.format(Locale.ROOT, "conformance: %d passed, %d failed, %d skipped%n", count(Status.PASS),
                count(Status.FAIL), count(Status.SKIP)));
        return out.toString();
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("target", target.toString());
        node.put("billing", billing.wireName());
        node.put("live", live);
        node.put("passed", count(Status.PASS));
        node.put("failed", count(Status.FAIL));
        node.put("skipped", count(Status.SKIP));
        node.put("ok", allPassed());
        ArrayNode list = node.putArray("cases");
        for (CaseResult c : cases) {
            ObjectNode n = list.addObject();
            n.put("name", c.name());
            n.put("reference", c.reference());
            n.put("status", c.status().name());
            if (c.reason() != null) {
                n.put("reason", c.reason());
            }
            n.put("durationMs", c.durationMs());
            ArrayNode ex = n.putArray("exchanges");
            for (Exchange e : c.exchanges()) {
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
        return node;
    }
}
