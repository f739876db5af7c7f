package dev.stallkeeper.web.console;

import dev.stallkeeper.batch.JobLauncher;
import dev.stallkeeper.billing.application.BillImport;
import dev.stallkeeper.billing.application.BillImportException;
import dev.stallkeeper.billing.application.Settlements;
import dev.stallkeeper.billing.domain.BillingPeriod;
import dev.stallkeeper.billing.domain.SettlementRun;
import dev.stallkeeper.billing.domain.SettlementStatement;
import dev.stallkeeper.billing.domain.StatementDecision;
import dev.stallkeeper.billing.domain.StatementLine;
import dev.stallkeeper.billing.domain.WorklistCount;
import dev.stallkeeper.billing.domain.WorklistLine;
import dev.stallkeeper.billing.domain.BillRowError;
import dev.stallkeeper.web.common.SettlementViews;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settlement pages (roles admin and finance): run history with live progress, starting and restarting a
 * period's run, the bill file upload, and a period's statements, worklist and chart of each product type's
 * accumulated amount against the threshold.
 */
@Named("settlement")
@RequestScoped
public class SettlementBean {

    /** Width and row height of the chart, in SVG units; bars start after the label column. */
    static final int CHART_WIDTH = 480;
    static final int CHART_LABEL = 120;
    static final int CHART_ROW = 26;
    /** Worklist lines shown on the page (the CSV export has them all). */
    static final int WORKLIST_LINES = 200;
    /** Bills shown per statement (the statement-lines CSV has them all). */
    static final int STATEMENT_LINES = 200;

    @Inject
    Settlements settlements;

    @Inject
    SettlementViews views;

    @Inject
    JobLauncher launcher;

    @Inject
    BillImport billImport;

    @Inject
    Messages messages;

    @Inject
    FacesContext faces;

    @Inject
    Clock clock;

    @Inject
    FormatBean format;

    private String period;
    private String watch;
    private Part file;
    private List<Map<String, Object>> history;

    public String getPeriod() {
        if (period == null) {
            period = BillingPeriod.containing(clock.instant()).previous().toString();
        }
        return period;
    }

    public void setPeriod(String period) {
        this.period = period;
    }

    /** The period just started: the page polls it until its run shows up and ends. */
    public String getWatch() {
        return watch;
    }

    public void setWatch(String watch) {
        this.watch = watch == null || !watch.matches("[0-9]{6}") ? null : watch;
    }

    /**
     * An ISO-8601 instant of a run view in Beijing time, as the console shows times. EL passes a missing time (a
     * running run's finishedAt) as "", not null.
     */
    public String time(String iso) {
        return iso == null || iso.isEmpty() ? "" : format.time(java.time.Instant.parse(iso));
    }

    public Part getFile() {
        return file;
    }

    public void setFile(Part file) {
        this.file = file;
    }

    public List<Map<String, Object>> getHistory() {
        if (history == null) {
            history = views.history();
        }
        return history;
    }

    /** True while some period's run is running: the page then polls its progress. */
    public boolean isRunning() {
        return getHistory().stream().anyMatch(r -> "RUNNING".equals(r.get("status")));
    }

    public boolean restartable(Map<String, Object> run) {
        return ("FAILED".equals(run.get("status")) || "RUNNING".equals(run.get("status"))) && run.get("executionId") != null;
    }

    public String start() {
        Optional<BillingPeriod> p = parsed();
        if (p.isEmpty()) {
            return null;
        }
        Optional<String> refusal = settlements.refusalToStart(p.get());
        if (refusal.isPresent()) {
            error(messages.get("settlement.refused", refusal.get()));
            return null;
        }
        long execution = launcher.startSettlement(p.get());
        return started(p.get(), execution);
    }

    public String restart(String runPeriod) {
        BillingPeriod p = BillingPeriod.parse(runPeriod);
        try {
            return started(p, launcher.restartSettlement(p));
        } catch (RuntimeException e) {
            error(messages.get("settlement.refused", e.getMessage()));
            return null;
        }
    }

    private String started(BillingPeriod p, long execution) {
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                messages.get("settlement.started", p.toString(), Long.toString(execution)), null));
        return "/admin/settlement?faces-redirect=true&watch=" + p;
    }

    public String upload() {
        if (file == null || file.getSize() == 0) {
            error(messages.get("settlement.upload.empty"));
            return null;
        }
        try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            BillImport.Result r = billImport.importCsv(reader);
            faces.getExternalContext().getFlash().setKeepMessages(true);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, messages.get("settlement.upload.done",
                    Integer.toString(r.created()), Integer.toString(r.updated()), Integer.toString(r.unchanged())), null));
            return "/admin/settlement?faces-redirect=true";
        } catch (BillImportException e) {
            error(messages.get("settlement.upload.refused", Integer.toString(e.errors().size())));
            List<BillRowError> shown = e.errors().subList(0, Math.min(20, e.errors().size()));
            shown.forEach(p -> error(messages.get("settlement.upload.line", Long.toString(p.line()), p.message())));
            return null;
        } catch (IOException e) {
            error(messages.get("settlement.upload.unreadable", e.getMessage()));
            return null;
        }
    }

    private Optional<BillingPeriod> parsed() {
        try {
            return Optional.of(SettlementViews.period(period));
        } catch (IllegalArgumentException e) {
            error(messages.get("settlement.badPeriod", String.valueOf(period)));
            return Optional.empty();
        }
    }

    private void error(String text) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    // --- one period ------------------------------------------------------------------------------------------

    private BillingPeriod shown;
    private List<SettlementStatement> statements;

    /** The period of the statements page (view parameter), or empty when it is not a period. */
    public Optional<BillingPeriod> shownPeriod() {
        if (shown == null) {
            try {
                shown = SettlementViews.period(period);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.of(shown);
    }

    public boolean isValidPeriod() {
        return shownPeriod().isPresent();
    }

    private Optional<Map<String, Object>> run;

    public Map<String, Object> getRun() {
        if (run == null) {
            run = shownPeriod().flatMap(views::run);
        }
        return run.orElse(null);
    }

    /** A message of the bundle with one argument (a text, so that numbers are not regrouped). */
    public String text(String key, String arg) {
        return messages.get(key, arg == null ? "" : arg);
    }

    public List<SettlementStatement> getStatements() {
        if (statements == null) {
            statements = shownPeriod().map(settlements::statements).orElse(List.of());
        }
        return statements;
    }

    /** The first bills of a statement (the statement-lines CSV has them all). */
    public List<StatementLine> linesOf(long statementId) {
        return shownPeriod().map(p -> settlements.statementLinesOf(p, statementId, STATEMENT_LINES)).orElse(List.of());
    }

    public List<WorklistCount> getWorklistCounts() {
        return shownPeriod().map(settlements::worklistCounts).orElse(List.of());
    }

    public List<WorklistLine> getWorklist() {
        return shownPeriod().map(p -> settlements.worklist(p, WORKLIST_LINES)).orElse(List.of());
    }

    public Integer getStatementLinesShown() {
        return STATEMENT_LINES;
    }

    public Integer getWorklistShown() {
        return WORKLIST_LINES;
    }

    /** One bar of the chart: a product type's accumulated amount (x, width) and whether it settled. */
    public record Bar(String productType, BigDecimal accumulated, int y, double width, boolean settled) {
    }

    /** The chart's bars, one per statement; the threshold's x is {@link #thresholdX()}. */
    public List<Bar> getBars() {
        List<Bar> bars = new ArrayList<>();
        BigDecimal scale = scale();
        int i = 0;
        for (SettlementStatement s : getStatements()) {
            StatementDecision d = s.decision();
            bars.add(new Bar(d.productType(), d.accumulated(), 10 + i * CHART_ROW, x(d.accumulated().max(BigDecimal.ZERO), scale),
                    d.settles()));
            i++;
        }
        return bars;
    }

    public double thresholdX() {
        return CHART_LABEL + x(threshold(), scale());
    }

    public int chartHeight() {
        return 20 + Math.max(1, getStatements().size()) * CHART_ROW;
    }

    public BigDecimal threshold() {
        return getStatements().isEmpty() ? settlements.threshold() : getStatements().get(0).decision().threshold();
    }

    /** The amount the full bar width stands for: the larger of the highest accumulated amount and the threshold, plus a tenth. */
    private BigDecimal scale() {
        BigDecimal max = threshold();
        for (SettlementStatement s : getStatements()) {
            max = max.max(s.decision().accumulated());
        }
        return max.multiply(new BigDecimal("1.1"));
    }

    private static double x(BigDecimal amount, BigDecimal scale) {
        if (scale.signum() <= 0) {
            return 0;
        }
        return amount.multiply(BigDecimal.valueOf(CHART_WIDTH - CHART_LABEL - 10))
                .divide(scale, 1, RoundingMode.HALF_UP).doubleValue();
    }

    public boolean isCompleted() {
        Map<String, Object> run = getRun();
        return run != null && SettlementRun.Status.COMPLETED.name().equals(run.get("status"));
    }
}
