package dev.stallkeeper.web.console;

import dev.stallkeeper.audit.application.CallbackStatistics;
import dev.stallkeeper.billing.domain.BillingPeriod;
import dev.stallkeeper.provisioning.application.InstanceReports;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The dashboard's figures: instances by state, the last 24 hours of callbacks, the delisting risk. */
@Named("dashboard")
@RequestScoped
public class DashboardBean {

    /** Height of the bar charts, in SVG units. */
    public static final int CHART_HEIGHT = 120;

    @Inject
    InstanceReports reports;

    @Inject
    CallbackStatistics statistics;

    @Inject
    Clock clock;

    private List<Map.Entry<String, Long>> states;
    private List<CallbackStatistics.Hour> hours;
    private CallbackStatistics.DelistingRisk risk;

    public List<Map.Entry<String, Long>> getInstanceStates() {
        if (states == null) {
            states = new ArrayList<>(reports.countByState().entrySet());
        }
        return states;
    }

    public List<CallbackStatistics.Hour> getHours() {
        if (hours == null) {
            hours = statistics.last24Hours(clock.instant());
        }
        return hours;
    }

    public long getTotal() {
        return getHours().stream().mapToLong(CallbackStatistics.Hour::count).sum();
    }

    public long getFailed() {
        return getHours().stream().mapToLong(CallbackStatistics.Hour::failed).sum();
    }

    public String getFailureRate() {
        return getTotal() == 0 ? "0.0 %" : String.format("%.1f %%", 100.0 * getFailed() / getTotal());
    }

    public int getWorstP99() {
        return getHours().stream().mapToInt(CallbackStatistics.Hour::p99Millis).max().orElse(0);
    }

    /** Bar height of an hour's count, scaled to the busiest hour. */
    public int countBar(CallbackStatistics.Hour hour) {
        long max = getHours().stream().mapToLong(CallbackStatistics.Hour::count).max().orElse(0);
        return max == 0 ? 0 : (int) Math.round((double) CHART_HEIGHT * hour.count() / max);
    }

    public int failedBar(CallbackStatistics.Hour hour) {
        long max = getHours().stream().mapToLong(CallbackStatistics.Hour::count).max().orElse(0);
        return max == 0 ? 0 : (int) Math.round((double) CHART_HEIGHT * hour.failed() / max);
    }

    /** Bar height of an hour's p99 answer time against KooGallery's 20 s deadline (log scale from 10 ms). */
    public int latencyBar(CallbackStatistics.Hour hour) {
        if (hour.p99Millis() <= 10) {
            return hour.count() == 0 ? 0 : 2;
        }
        double scaled = Math.log10(hour.p99Millis() / 10.0) / Math.log10(20_000 / 10.0);
        return (int) Math.round(CHART_HEIGHT * Math.min(1.0, scaled));
    }

    public CallbackStatistics.DelistingRisk getRisk() {
        if (risk == null) {
            risk = statistics.delistingRisk(BillingPeriod.containing(clock.instant()).start());
        }
        return risk;
    }
}
