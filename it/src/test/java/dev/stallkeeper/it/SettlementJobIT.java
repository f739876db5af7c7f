package dev.stallkeeper.it;

import static dev.stallkeeper.it.settlement.SeedBills.insert;
import static dev.stallkeeper.it.settlement.SeedBills.paid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stallkeeper.it.clock.TestClock;
import dev.stallkeeper.it.settlement.Jobs;
import dev.stallkeeper.it.settlement.SettlementDeployment;
import dev.stallkeeper.it.support.Db;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The settlement-reconciliation job on PostgreSQL, month by month over the worked example of settlement-rules.md,
 * starting ten months before the test clock's month (plus a renewal effective the next month, a bill just after
 * Beijing midnight, unpaid and postpaid bills): exact statements and worklist after every run, a re-run that changes nothing, periods refused out of order or before
 * they end, and two simultaneous starts of one period that settle it once. The product types are this test's own
 * (WX_...), so that bills other tests record do not change its figures.
 */
@ExtendWith({ArquillianExtension.class, TestClock.class})
@RunAsClient
class SettlementJobIT {

    private static final int HTTP = Integer.getInteger("it.http.port");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return SettlementDeployment.stallkeeper();
    }

    @ArquillianResource
    ManagementClient management;

    /** The worked example's first month, ten months before the test clock's (so that all five have ended). */
    private YearMonth first;

    @Test
    void settlesTheWorkedExampleMonthByMonthOnceAndOnlyOnce() {
        first = TestClock.currentPeriod().minusMonths(10);
        long s1 = paid("WX_SAAS", "NEW", "400.00", at(0, 12, 2));
        long m1 = insert("WX_MANUAL", "NEW", "2000.00", "PAID", "IN_PROGRESS", at(0, 20, 2), null);
        long s2 = paid("WX_SAAS", "NEW", "500.00", at(1, 3, 2));
        long s3 = paid("WX_SAAS", "NEW", "300.00", at(2, 4, 2));
        long s4 = paid("WX_SAAS", "REFUND", "-250.00", at(2, 18, 2));
        long s5 = paid("WX_SAAS", "NEW", "100.00", at(3, 9, 2));
        long r1 = paid("WX_RENEW", "NEW", "500.00", at(0, 5, 1));
        long r2 = paid("WX_RENEW", "RENEWAL", "600.00", at(1, 9, 16)); // paid in month 0, effective on the 10th of month 1 (Beijing)
        long n1 = paid("WX_MIDNIGHT", "NEW", "1200.00", lastDayAt(0, 17)); // 01:00 on the 1st of month 1 in Beijing
        long u1 = insert("WX_OTHER", "NEW", "700.00", "UNPAID", "NOT_REQUIRED", at(0, 10, 1), at(0, 10, 1));
        long p1 = insert("WX_OTHER", "NEW", "400.00", "POSTPAID_AWAITING_REPAYMENT", "NOT_REQUIRED",
                at(0, 11, 1), at(0, 11, 1));

        // month 0: everything below the threshold, the rest blocked
        assertThat(runToCompletion(period(0))).isEqualTo("COMPLETED");
        assertThat(statements(period(0))).containsExactly(
                "WX_RENEW carried 0.00 + 500.00 = 500.00 (1 bills) carry 500.00",
                "WX_SAAS carried 0.00 + 400.00 = 400.00 (1 bills) carry 400.00");
        assertThat(worklist(period(0))).containsExactly(
                "BELOW_THRESHOLD WX_RENEW - 500.00 gap 500.00",
                "BELOW_THRESHOLD WX_SAAS - 400.00 gap 600.00",
                "NOT_YET_EFFECTIVE WX_MIDNIGHT " + n1 + " 1200.00",
                "NOT_YET_EFFECTIVE WX_RENEW " + r2 + " 600.00",
                "NOT_YET_EFFECTIVE WX_SAAS " + s2 + " 500.00",
                "NOT_YET_EFFECTIVE WX_SAAS " + s3 + " 300.00",
                "NOT_YET_EFFECTIVE WX_SAAS " + s4 + " -250.00",
                "NOT_YET_EFFECTIVE WX_SAAS " + s5 + " 100.00",
                "POSTPAID_NOT_REPAID WX_OTHER " + p1 + " 400.00",
                "SUPERVISION_OPEN WX_MANUAL " + m1 + " 2000.00",
                "UNPAID WX_OTHER " + u1 + " 700.00");
        assertThat(settledIn(period(0))).isEmpty();

        // month 1: the renewal and the bill after Beijing midnight settle; SaaS carries 900
        assertThat(runToCompletion(period(1))).isEqualTo("COMPLETED");
        assertThat(statements(period(1))).containsExactly(
                "WX_MIDNIGHT carried 0.00 + 1200.00 = 1200.00 (1 bills) settled: fee 5.0000% 60.00, net 1140.00",
                "WX_RENEW carried 500.00 + 600.00 = 1100.00 (2 bills) settled: fee 5.0000% 55.00, net 1045.00",
                "WX_SAAS carried 400.00 + 500.00 = 900.00 (2 bills) carry 900.00");
        assertThat(settledIn(period(1))).containsExactlyInAnyOrder(n1, r1, r2);

        // supervision completes on the 5th of month 2 (through the service), the postpaid bill is repaid
        assertThat(SettlementDeployment.post(HTTP, "/bills/" + m1 + "/supervision-completed?at=" + at(2, 5, 3), "")
                .body()).isEqualTo("COMPLETED");
        assertThat(SettlementDeployment.post(HTTP, "/bills/" + p1 + "/repaid", "").body()).isEqualTo("REPAID");
        assertThat(runToCompletion(period(2))).isEqualTo("COMPLETED");
        assertThat(statements(period(2))).containsExactly(
                "WX_MANUAL carried 0.00 + 2000.00 = 2000.00 (1 bills) settled: fee 5.0000% 100.00, net 1900.00",
                "WX_OTHER carried 0.00 + 400.00 = 400.00 (1 bills) carry 400.00",
                "WX_SAAS carried 900.00 + 50.00 = 950.00 (4 bills) carry 950.00");
        assertThat(settledIn(period(2))).containsExactly(m1);

        // month 3: the preview (writes nothing) announces it; then SaaS reaches 1050 and settles its five bills
        String beforePreview = snapshot();
        assertThat(SettlementDeployment.get(HTTP, "/preview/" + period(3)).body().lines().filter(l -> l.startsWith("WX_")))
                .containsExactly("WX_OTHER 400.00 carries", "WX_SAAS 1050.00 settles");
        assertThat(snapshot()).isEqualTo(beforePreview);
        assertThat(runToCompletion(period(3))).isEqualTo("COMPLETED");
        assertThat(statements(period(3))).containsExactly(
                "WX_OTHER carried 400.00 + 0.00 = 400.00 (1 bills) carry 400.00",
                "WX_SAAS carried 950.00 + 100.00 = 1050.00 (5 bills) settled: fee 5.0000% 52.50, net 997.50");
        assertThat(settledIn(period(3))).containsExactlyInAnyOrder(s1, s2, s3, s4, s5);
        assertThat(Db.count("SELECT COUNT(*) FROM settlement_statement_line l JOIN settlement_statement s"
                + " ON s.id = l.statement_id WHERE s.period = " + period(3) + " AND s.product_type = 'WX_SAAS'")).isEqualTo(5);
        assertThat(worklist(period(3))).containsExactly(
                "BELOW_THRESHOLD WX_OTHER - 400.00 gap 600.00",
                "UNPAID WX_OTHER " + u1 + " 700.00");
        Map<String, Object> run = Db.rows("SELECT r.status, r.total_bills, (SELECT SUM(done_bills) FROM settlement_partition p"
                + " WHERE p.period = r.period AND p.job_instance_id = r.job_instance_id) AS done,"
                + " (SELECT COUNT(*) FROM settlement_partition p WHERE p.period = r.period) AS partitions"
                + " FROM settlement_run r WHERE r.period = " + period(3)).get(0);
        assertThat(run.get("status")).isEqualTo("COMPLETED");
        assertThat(((Number) run.get("done")).longValue()).as("progress").isEqualTo(((Number) run.get("total_bills")).longValue());
        assertThat(((Number) run.get("partitions")).longValue()).isEqualTo(4);

        // re-running a settled period changes nothing
        String before = snapshot();
        long rerun = Jobs.start(management.getControllerClient(), Map.of("period", period(3)));
        awaitEnd(rerun);
        assertThat(Db.value("SELECT exitstatus FROM job_execution WHERE jobexecutionid = ?", rerun)).isEqualTo("ALREADY_SETTLED");
        assertThat(Db.count("SELECT COUNT(*) FROM step_execution WHERE jobexecutionid = ?", rerun)).isEqualTo(1);
        assertThat(snapshot()).isEqualTo(before);

        // refused: an earlier period once a later one settled, a period that has not ended, a malformed period
        assertThat(failureOf(period(-1))).contains("periods settle in order");
        String current = TestClock.period(0); // read now: under a pinned clock the month may have turned meanwhile
        assertThat(failureOf(current)).contains("can only be previewed");
        assertThat(failureOf(period(4).substring(0, 4) + "-" + period(4).substring(4))).contains("yyyyMM");
        assertThat(Db.count("SELECT COUNT(*) FROM settlement_run WHERE period IN (?, ?)",
                Integer.parseInt(period(-1)), Integer.parseInt(current))).isZero();
        assertThat(snapshot()).isEqualTo(before);

        // two starts of month 4 at once (management API and the service): one run settles it, once
        long s6 = paid("WX_SAAS", "NEW", "1000.00", at(4, 2, 2));
        long viaManagement = Jobs.start(management.getControllerClient(), Map.of("period", period(4)));
        long viaService = Long.parseLong(SettlementDeployment.post(HTTP, "/start/" + period(4), "").body());
        String first = awaitEnd(viaManagement);
        String second = awaitEnd(viaService);
        assertThat(List.of(first, second)).contains("COMPLETED");
        assertThat(Db.count("SELECT COUNT(*) FROM job_execution WHERE jobexecutionid IN (?, ?) AND exitstatus = 'COMPLETED'",
                viaManagement, viaService)).as("exactly one run did the work").isEqualTo(1);
        assertThat(Db.count("SELECT COUNT(*) FROM step_execution WHERE jobexecutionid IN (?, ?)"
                + " AND stepname = 'settlement-finish'", viaManagement, viaService)).as("one final step").isEqualTo(1);
        assertThat(statements(period(4))).containsExactly(
                "WX_OTHER carried 400.00 + 0.00 = 400.00 (1 bills) carry 400.00",
                "WX_SAAS carried 0.00 + 1000.00 = 1000.00 (1 bills) settled: fee 5.0000% 50.00, net 950.00");
        assertThat(settledIn(period(4))).containsExactly(s6);
        assertThat(Db.count("SELECT COUNT(*) FROM settlement_run WHERE period = " + period(4) + " AND status = 'COMPLETED'")).isEqualTo(1);
        assertThat(Db.count("SELECT COUNT(*) FROM bill b JOIN bill_settlement s ON s.bill_id = b.id WHERE b.product_type LIKE 'WX_%'"))
                .as("every settled bill once").isEqualTo(10);
    }

    /** The worked example's month {@code m} (0 = its first) as yyyyMM. */
    private String period(int m) {
        return first.plusMonths(m).format(DateTimeFormatter.ofPattern("yyyyMM"));
    }

    /** {@code hour}:00 UTC on day {@code day} of the worked example's month {@code m}. */
    private String at(int m, int day, int hour) {
        return iso(first.plusMonths(m).atDay(day).atTime(hour, 0));
    }

    /** {@code hour}:00 UTC on the last day of the worked example's month {@code m} (from 16:00, the next day in Beijing). */
    private String lastDayAt(int m, int hour) {
        return iso(first.plusMonths(m).atEndOfMonth().atTime(hour, 0));
    }

    private static String iso(LocalDateTime utc) {
        return utc.atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private String runToCompletion(String period) {
        long execution = Jobs.start(management.getControllerClient(), Map.of("period", period));
        return awaitEnd(execution);
    }

    private static String awaitEnd(long execution) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Object status = Db.value("SELECT batchstatus FROM job_execution WHERE jobexecutionid = ?", execution);
            return "COMPLETED".equals(status) || "FAILED".equals(status);
        });
        return (String) Db.value("SELECT batchstatus FROM job_execution WHERE jobexecutionid = ?", execution);
    }

    private String failureOf(String period) {
        long execution = Jobs.start(management.getControllerClient(), Map.of("period", period));
        assertThat(awaitEnd(execution)).isEqualTo("FAILED");
        assertThat(Db.count("SELECT COUNT(*) FROM step_execution WHERE jobexecutionid = ?", execution))
                .as("nothing after the refused claim").isEqualTo(1);
        return String.valueOf(Db.value("SELECT executionexception FROM step_execution WHERE jobexecutionid = ?"
                + " AND stepname = 'settlement-prepare'", execution));
    }

    private static List<String> statements(String period) {
        return Db.rows("SELECT product_type, carried_in, period_amount, accumulated, bill_count, settled, fee_percent,"
                        + " gross, fee, net, carry_out FROM settlement_statement WHERE period = ? AND product_type LIKE 'WX_%'"
                        + " ORDER BY product_type", Integer.parseInt(period)).stream()
                .map(r -> r.get("product_type") + " carried " + r.get("carried_in") + " + " + r.get("period_amount")
                        + " = " + r.get("accumulated") + " (" + r.get("bill_count") + " bills) "
                        + (Boolean.TRUE.equals(r.get("settled"))
                        ? "settled: fee " + r.get("fee_percent") + "% " + r.get("fee") + ", net " + r.get("net")
                        : "carry " + r.get("carry_out")))
                .toList();
    }

    private static List<String> worklist(String period) {
        return Db.rows("SELECT reason, product_type, bill_id, amount, gap FROM settlement_worklist WHERE period = ?"
                        + " AND product_type LIKE 'WX_%' ORDER BY reason, product_type, bill_id", Integer.parseInt(period))
                .stream().map(r -> r.get("reason") + " " + r.get("product_type") + " "
                        + (r.get("bill_id") == null ? "-" : r.get("bill_id")) + " " + r.get("amount")
                        + (r.get("gap") == null ? "" : " gap " + r.get("gap")))
                .toList();
    }

    private static List<Long> settledIn(String period) {
        return Db.rows("SELECT b.id FROM bill b JOIN bill_settlement s ON s.bill_id = b.id"
                + " WHERE s.period = ? AND b.product_type LIKE 'WX_%' ORDER BY b.id",
                Integer.parseInt(period)).stream().map(r -> ((Number) r.get("id")).longValue()).toList();
    }

    /** Everything a settlement writes: statements, settled bills, runs. */
    private static String snapshot() {
        return Db.rows("SELECT period, product_type, accumulated, settled, gross, fee, net, carry_out FROM settlement_statement"
                        + " ORDER BY period, product_type").toString()
                + Db.rows("SELECT b.id, s.period, s.statement_id, s.settled_at, b.version FROM bill b"
                        + " LEFT JOIN bill_settlement s ON s.bill_id = b.id ORDER BY b.id").toString()
                + Db.rows("SELECT period, status, job_instance_id, finished_at FROM settlement_run ORDER BY period").stream()
                .map(Object::toString).collect(Collectors.joining());
    }
}
