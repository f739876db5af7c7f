package dev.stallkeeper.web.metrics;

import dev.stallkeeper.audit.application.CallbackStatistics;
import dev.stallkeeper.billing.domain.BillingPeriod;
import dev.stallkeeper.platform.OperationsGauges;
import dev.stallkeeper.platform.PrometheusText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The figures {@code /api/metrics} reads from the database, cached for {@link #TTL} so that any number of scrapes
 * costs a handful of indexed counts every few seconds. When the database does not answer, the last figures are kept
 * and {@code stallkeeper_database_up} is 0.
 */
@ApplicationScoped
public class DatabaseGauges {

    static final Duration TTL = Duration.ofSeconds(5);

    @Inject
    OperationsGauges gauges;

    @Inject
    CallbackStatistics statistics;

    @Inject
    Clock clock;

    private record Cached(Instant readAt, boolean up, OperationsGauges.Snapshot snapshot, long failedOrders) {
    }

    private volatile Cached cached;

    public void writeTo(PrometheusText out) {
        Cached c = current();
        out.help("stallkeeper_database_up", "gauge", "1 when this node's last read of the database gauges succeeded");
        out.sample("stallkeeper_database_up", c.up() ? 1 : 0);
        out.help("stallkeeper_database_gauges_age_seconds", "gauge", "Age of the database gauges below");
        out.sample("stallkeeper_database_gauges_age_seconds", Duration.between(c.readAt(), clock.instant()).toMillis() / 1000.0);
        OperationsGauges.Snapshot s = c.snapshot();
        if (s == null) {
            return;
        }
        out.help("stallkeeper_work_items", "gauge", "Background work (provisioning, release) due now or parked");
        out.sample("stallkeeper_work_items", s.workDue(), "state", "due");
        out.sample("stallkeeper_work_items", s.workParked(), "state", "parked");
        out.help("stallkeeper_usage_records", "gauge", "Pay-per-use records due to be pushed or parked");
        out.sample("stallkeeper_usage_records", s.usageDue(), "state", "due");
        out.sample("stallkeeper_usage_records", s.usageParked(), "state", "parked");
        out.help("stallkeeper_mails", "gauge", "E-mails in the outbox due or parked");
        out.sample("stallkeeper_mails", s.mailDue(), "state", "due");
        out.sample("stallkeeper_mails", s.mailParked(), "state", "parked");
        out.help("stallkeeper_failed_orders_month", "gauge",
                "Failed newInstance orders this month (Beijing time) as KooGallery's delisting rule counts them");
        out.sample("stallkeeper_failed_orders_month", c.failedOrders());
        out.help("stallkeeper_settlement_run_finished_timestamp_seconds", "gauge",
                "When the latest settlement runs finished (0 while running), by period and status");
        for (OperationsGauges.SettlementRunState run : s.settlementRuns()) {
            out.sample("stallkeeper_settlement_run_finished_timestamp_seconds",
                    run.finishedAt() == null ? 0 : run.finishedAt().getEpochSecond(),
                    "period", Integer.toString(run.period()), "status", run.status());
        }
    }

    private Cached current() {
        Instant now = clock.instant();
        Cached c = cached;
        if (c != null && now.isBefore(c.readAt().plus(TTL)) && !now.isBefore(c.readAt())) {
            return c;
        }
        synchronized (this) {
            c = cached;
            if (c != null && now.isBefore(c.readAt().plus(TTL)) && !now.isBefore(c.readAt())) {
                return c;
            }
            try {
                Instant monthStart = BillingPeriod.containing(clock.instant()).start();
                c = new Cached(now, true, gauges.read(), statistics.delistingRisk(monthStart).failedOrders());
            } catch (RuntimeException e) {
                c = new Cached(now, false, c == null ? null : c.snapshot(), c == null ? 0 : c.failedOrders());
            }
            cached = c;
            return c;
        }
    }
}
