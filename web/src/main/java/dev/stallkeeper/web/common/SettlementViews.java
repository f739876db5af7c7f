package dev.stallkeeper.web.common;

import dev.stallkeeper.batch.JobLauncher;
import dev.stallkeeper.billing.application.Settlements;
import dev.stallkeeper.billing.domain.BillingPeriod;
import dev.stallkeeper.billing.domain.PeriodTotals;
import dev.stallkeeper.billing.domain.SettlementRun;
import dev.stallkeeper.billing.domain.StatementDecision;
import dev.stallkeeper.billing.domain.StatementLine;
import dev.stallkeeper.billing.domain.WorklistEntry;
import dev.stallkeeper.billing.application.SettlementCsv;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settlement runs, statements and worklists as JSON-ready maps (amounts as strings with two decimals, times as
 * ISO-8601 UTC instants), for the admin API and the console's progress poll, so that both say the same.
 */
@ApplicationScoped
public class SettlementViews {

    @Inject
    Settlements settlements;

    @Inject
    JobLauncher launcher;

    /** The period of a path or form, or a 400-style refusal. */
    public static BillingPeriod period(String text) {
        try {
            return BillingPeriod.parse(text == null ? "" : text.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("period must be yyyyMM, e.g. 202602: " + text);
        }
    }

    /** The run of a period with its progress and its job execution, or empty when the period has none. */
    public Optional<Map<String, Object>> run(BillingPeriod period) {
        return settlements.run(period).map(r -> {
            Map<String, Object> m = run(r, settlements.periodTotals().get(period.id()));
            if (r.executionId() != null) {
                launcher.execution(r.executionId()).ifPresent(e -> {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("id", e.id());
                    x.put("batchStatus", e.batchStatus());
                    x.put("exitStatus", e.exitStatus());
                    x.put("start", text(e.start()));
                    x.put("end", text(e.end()));
                    m.put("execution", x);
                });
            }
            return m;
        });
    }

    /** Every period's run, newest period first, with its statement totals. */
    public List<Map<String, Object>> history() {
        Map<Integer, PeriodTotals> totals = settlements.periodTotals();
        return settlements.runs().stream().map(r -> run(r, totals.get(r.period().id()))).toList();
    }

    private Map<String, Object> run(SettlementRun r, PeriodTotals totals) {
        SettlementRun withProgress = r.status() == SettlementRun.Status.RUNNING
                ? settlements.run(r.period()).orElse(r) : r;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("period", r.period().toString());
        m.put("status", r.status().name());
        m.put("node", r.claimedBy());
        m.put("jobInstanceId", r.jobInstanceId());
        m.put("executionId", r.executionId());
        m.put("claimedAt", text(r.claimedAt()));
        m.put("startedAt", text(r.startedAt()));
        m.put("finishedAt", text(r.finishedAt()));
        m.put("totalBills", withProgress.totalBills());
        m.put("doneBills", withProgress.doneBills());
        m.put("percent", Math.round(withProgress.progress() * 1000) / 10.0);
        m.put("failure", r.failure());
        if (totals != null) {
            m.put("statements", totals.statements());
            m.put("settledTypes", totals.settled());
            m.put("gross", money(totals.gross()));
            m.put("fee", money(totals.fee()));
            m.put("net", money(totals.net()));
            m.put("carried", money(totals.carried()));
        }
        return m;
    }

    /**
     * The period's statements, each with its first {@code billLimit} bills (settled statements; carried ones have
     * none yet); {@code billCount} says how many it has, the statement-lines CSV lists them all.
     */
    public List<Map<String, Object>> statements(BillingPeriod period, int billLimit) {
        return settlements.statements(period).stream().map(s -> {
            StatementDecision d = s.decision();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("productType", d.productType());
            m.put("settled", d.settles());
            m.put("carriedIn", money(d.carriedIn()));
            m.put("periodAmount", money(d.periodAmount()));
            m.put("accumulated", money(d.accumulated()));
            m.put("billCount", d.billCount());
            m.put("threshold", money(d.threshold()));
            m.put("feePercent", d.feePercent().toPlainString());
            m.put("gross", money(d.gross()));
            m.put("fee", money(d.fee()));
            m.put("net", money(d.net()));
            m.put("carryOut", money(d.carryOut()));
            m.put("gap", money(d.gap()));
            m.put("bills", (d.settles() ? settlements.statementLinesOf(period, s.id(), billLimit)
                    : List.<StatementLine>of()).stream().map(l -> {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("billId", l.billId());
                b.put("kind", l.kind());
                b.put("orderId", l.orderId());
                b.put("orderLineId", l.orderLineId());
                b.put("amount", money(l.amount()));
                return b;
            }).toList());
            return m;
        }).toList();
    }

    /** The period's worklist: counts per reason and the first {@code limit} lines. */
    public Map<String, Object> worklist(BillingPeriod period, int limit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("period", period.toString());
        m.put("counts", settlements.worklistCounts(period).stream().map(c -> Map.of("reason", c.reason(),
                "lines", c.lines(), "amount", money(c.amount()))).toList());
        m.put("lines", settlements.worklist(period, limit).stream().map(l -> {
            WorklistEntry e = l.entry();
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("reason", e.reason().name());
            x.put("productType", e.productType());
            x.put("billId", e.billId());
            x.put("amount", money(e.amount()));
            x.put("since", text(e.since()));
            x.put("gap", e.gap() == null ? null : money(e.gap()));
            return x;
        }).toList());
        return m;
    }

    /** The CSV exports by name: statements, statement-lines and worklist. */
    public static final List<String> EXPORTS = List.of("statements", "statement-lines", "worklist");

    /** Writes export {@code name} of the period as CSV; false when there is no such export. */
    public boolean csv(String name, BillingPeriod period, Appendable out) {
        switch (name) {
            case "statements" -> SettlementCsv.statements(settlements.statements(period), out);
            case "statement-lines" -> SettlementCsv.statementLines(period.id(), settlements.statementLines(period, MAX_EXPORT), out);
            case "worklist" -> SettlementCsv.worklist(settlements.worklist(period, MAX_EXPORT), out);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The most worklist lines an export holds (a month of a very busy seller). */
    static final int MAX_EXPORT = 2_000_000;

    static String money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
