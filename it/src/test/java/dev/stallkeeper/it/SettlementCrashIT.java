package dev.stallkeeper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stallkeeper.it.settlement.Jobs;
import dev.stallkeeper.it.settlement.SettlementDeployment;
import dev.stallkeeper.it.support.ServerProcess;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.as.controller.client.ModelControllerClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node dies hard (SIGKILL) in the middle of a settlement run; started again on the same database, the run is
 * restarted through the management API (restart-job) and continues from its partitions' committed positions.
 * Its statements equal those of an uninterrupted run over the same bills, and no bill is settled twice. The same
 * holds for a node killed while the final step appends the settled bills to the ledger (bill_settlement). And two
 * periods settled in a row: no bill settled in the first is counted again in the second.
 * Runs its own WildFly (ports +60 above the Arquillian server's offset) on database stallkeeper_settle_crash.
 */
class SettlementCrashIT {

    private static final int BILLS = 20_000;
    private static final String PERIOD = "202603";

    private final ServerProcess server = new ServerProcess("settle-crash-server", "stallkeeper_settle_crash",
            Integer.getInteger("it.port.offset") + 60, List.of("-Dstallkeeper.settlement.schedule=off"));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRunKilledMidwayAndRestartedSettlesExactlyAsAnUninterruptedRun() throws Exception {
        List<String> expected = referenceRun();
        reset();

        // the same run, slowed down, killed once some chunks have committed
        long first;
        try (ModelControllerClient client = server.management()) {
            first = Jobs.start(client, Map.of("period", PERIOD, "chunkSize", "500", "testDelayMillisPerChunk", "150"));
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(25)).until(() ->
                Long.parseLong(server.sql("SELECT COALESCE(SUM(done_bills), 0) FROM settlement_partition")) >= 2_000);
        server.killHard();
        long doneAtKill = Long.parseLong(server.sql("SELECT SUM(done_bills) FROM settlement_partition"));
        assertThat(doneAtKill).as("killed in the middle").isBetween(2_000L, (long) BILLS - 1);
        assertThat(server.sql("SELECT status FROM settlement_run WHERE period = ?", Integer.parseInt(PERIOD)))
                .isEqualTo("RUNNING");
        assertThat(server.sql("SELECT COUNT(*) FROM bill_settlement")).isEqualTo("0");
        assertThat(server.sql("SELECT batchstatus FROM job_execution WHERE jobexecutionid = ?", first)).isEqualTo("STARTED");

        server.start();
        long restarted;
        try (ModelControllerClient client = server.management()) {
            restarted = Jobs.restart(client, first, Map.of("period", PERIOD, "chunkSize", "500", "testDelayMillisPerChunk", "0"));
        }
        assertThat(awaitEnd(restarted)).isEqualTo("COMPLETED");
        assertThat(outcome()).isEqualTo(expected);
        assertThat(server.sql("SELECT COUNT(*) FROM bill_settlement"))
                .isEqualTo(server.sql("SELECT SUM(bill_count) FROM settlement_statement WHERE settled"));
        assertThat(server.sql("SELECT SUM(done_bills) FROM settlement_partition"))
                .as("every bill read once over both executions").isEqualTo(server.sql(
                        "SELECT total_bills FROM settlement_run WHERE period = ?", Integer.parseInt(PERIOD)));
        long readAfterRestart = Long.parseLong(server.sql("SELECT readcount FROM step_execution WHERE jobexecutionid = ?"
                + " AND stepname = 'settlement-accumulate'", restarted));
        assertThat(readAfterRestart).as("the restart went on from the committed positions")
                .isLessThanOrEqualTo(BILLS - doneAtKill);
    }

    @Test
    void aRunKilledDuringTheSettlementInsertAndRestartedSettlesEveryBillOnce() throws Exception {
        List<String> expected = referenceRun();
        long blocking = Long.parseLong(server.sql("SELECT MIN(bill_id) FROM bill_settlement"));
        reset();

        // an uncommitted ledger row for one of the bills about to settle makes its slice's INSERT ... SELECT wait on
        // it (the primary key), so the server is killed while that insert is under way, not before or after it
        long first;
        try (Connection holder = server.connect()) {
            holder.setAutoCommit(false);
            try (PreparedStatement hold = holder.prepareStatement("INSERT INTO bill_settlement (bill_id, period,"
                    + " statement_id, settled_at) VALUES (?, 0, 0, now())")) {
                hold.setLong(1, blocking);
                hold.executeUpdate();
            }
            try (ModelControllerClient client = server.management()) {
                first = Jobs.start(client, Map.of("period", PERIOD, "chunkSize", "500"));
            }
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> Long.parseLong(
                    server.sql("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                            + " AND query LIKE 'INSERT INTO bill_settlement%SELECT%' AND wait_event_type = 'Lock'")) == 1);
            server.killHard();
            holder.rollback();
        }
        assertThat(server.sql("SELECT status FROM settlement_run WHERE period = ?", Integer.parseInt(PERIOD)))
                .isEqualTo("RUNNING");
        assertThat(server.sql("SELECT batchstatus FROM step_execution WHERE jobexecutionid = ?"
                + " AND stepname = 'settlement-settle'", first)).as("killed while settling").isEqualTo("STARTED");
        assertThat(server.sql("SELECT COUNT(*) FROM bill_settlement WHERE bill_id = ?", blocking))
                .as("nothing of the killed slice's insert committed").isEqualTo("0");
        assertThat(Long.parseLong(server.sql("SELECT COUNT(*) FROM bill_settlement"))).as("settled when killed")
                .isLessThan(Long.parseLong(server.sql("SELECT SUM(bill_count) FROM settlement_statement WHERE settled")));

        server.start();
        long restarted;
        try (ModelControllerClient client = server.management()) {
            restarted = Jobs.restart(client, first, Map.of("period", PERIOD, "chunkSize", "500"));
        }
        assertThat(awaitEnd(restarted)).isEqualTo("COMPLETED");
        assertThat(outcome()).isEqualTo(expected);
        assertThat(server.sql("SELECT COUNT(*) FROM bill_settlement"))
                .isEqualTo(server.sql("SELECT SUM(bill_count) FROM settlement_statement WHERE settled"));
    }

    @Test
    void twoPeriodsInARowNeverCountABillSettledInTheFirstAgain() throws Exception {
        referenceRun();
        String next = "202604";
        long settledFirst = Long.parseLong(server.sql("SELECT COUNT(*) FROM bill_settlement WHERE period = ?",
                Integer.parseInt(PERIOD)));
        assertThat(settledFirst).isPositive();
        assertThat(server.sql("SELECT COUNT(*) FROM settlement_statement WHERE period = ? AND NOT settled",
                Integer.parseInt(PERIOD))).as("every type settles in the first period").isEqualTo("0");
        String firstLedger = server.rows("SELECT bill_id, statement_id FROM bill_settlement ORDER BY bill_id").toString();

        try (ModelControllerClient client = server.management()) {
            assertThat(awaitEnd(Jobs.start(client, Map.of("period", next, "chunkSize", "700")))).isEqualTo("COMPLETED");
        }
        // the second period counts exactly the bills that became eligible during it: nothing settled in the first
        // (all of whose types settled, so nothing was carried) is read, summed, listed or settled again
        assertThat(server.rows("SELECT product_type, carried_in, period_amount, bill_count FROM settlement_statement"
                + " WHERE period = ? ORDER BY product_type", Integer.parseInt(next))).isEqualTo(server.rows(
                "SELECT product_type, 0.00, SUM(amount), COUNT(*) FROM bill WHERE payment_state = 'PAID'"
                        + " AND supervision_state = 'NOT_REQUIRED' AND settleable_at >= TIMESTAMP WITH TIME ZONE"
                        + " '2026-04-01 00:00:00+08' AND settleable_at < TIMESTAMP WITH TIME ZONE '2026-05-01 00:00:00+08'"
                        + " GROUP BY product_type ORDER BY product_type"));
        assertThat(server.sql("SELECT COUNT(*) FROM settlement_worklist w JOIN bill_settlement s ON s.bill_id = w.bill_id"
                + " WHERE w.period = ? AND s.period = ?", Integer.parseInt(next), Integer.parseInt(PERIOD))).isEqualTo("0");
        assertThat(server.sql("SELECT COUNT(*) FROM bill_settlement WHERE period = ?", Integer.parseInt(PERIOD)))
                .isEqualTo(String.valueOf(settledFirst));
        assertThat(server.rows("SELECT bill_id, statement_id FROM bill_settlement WHERE period = ? ORDER BY bill_id",
                Integer.parseInt(PERIOD)).toString()).as("the first period's ledger unchanged").isEqualTo(firstLedger);
        assertThat(server.sql("SELECT COUNT(*) FROM bill_settlement"))
                .isEqualTo(server.sql("SELECT SUM(bill_count) FROM settlement_statement WHERE settled"));
        assertThat(server.sql("SELECT SUM(done_bills) FROM settlement_partition WHERE period = ?", Integer.parseInt(next)))
                .as("the second run read only bills unsettled after the first").isEqualTo(server.sql(
                        "SELECT COUNT(*) FROM bill b WHERE NOT EXISTS (SELECT 1 FROM bill_settlement s"
                                + " WHERE s.bill_id = b.id AND s.period = ?)", Integer.parseInt(PERIOD)));
    }

    /** A fresh server and database with the seeded bills, and an uninterrupted run of the period: its outcome. */
    private List<String> referenceRun() throws Exception {
        server.prepare(SettlementDeployment.stallkeeper()).start();
        seed();
        long reference;
        try (ModelControllerClient client = server.management()) {
            reference = Jobs.start(client, Map.of("period", PERIOD, "chunkSize", "500"));
        }
        assertThat(awaitEnd(reference)).isEqualTo("COMPLETED");
        List<String> expected = outcome();
        assertThat(expected).as("statements and settled bills").hasSizeGreaterThan(3);
        return expected;
    }

    /** 20,000 bills over three product types, a seventh of them unpaid, some supervised, effective Jan-Apr 2026. */
    private void seed() throws Exception {
        server.update("INSERT INTO bill (id, source, source_key, recorded_by, order_id, order_line_id, product_type, kind,"
                + " amount, payment_state, supervision_state, effective_at, settleable_at, created_at, updated_at, version)"
                + " SELECT g, 'ORDER', 'CRASH-' || g || '/1/NEW', 'IT', 'CRASH-' || g, '1',"
                + " (ARRAY['SAAS', 'LICENSE', 'API'])[1 + g % 3], 'NEW', ((g * 37) % 9973) / 100.0 + 0.01,"
                + " CASE WHEN g % 7 = 0 THEN 'UNPAID' ELSE 'PAID' END,"
                + " CASE WHEN g % 11 = 0 THEN 'IN_PROGRESS' ELSE 'NOT_REQUIRED' END,"
                + " TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+08' + (g % 120) * INTERVAL '1 day',"
                + " CASE WHEN g % 11 = 0 THEN NULL"
                + "      ELSE TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+08' + (g % 120) * INTERVAL '1 day' END,"
                + " now() - INTERVAL '1 hour', now() - INTERVAL '1 hour', 0"
                + " FROM generate_series(1, " + BILLS + ") g");
    }

    /** The statements of the period and which bills each settled. */
    private List<String> outcome() throws Exception {
        List<String> out = new java.util.ArrayList<>(server.rows("SELECT product_type, accumulated, bill_count, settled, gross,"
                + " fee, net, carry_out FROM settlement_statement WHERE period = ? ORDER BY product_type",
                Integer.parseInt(PERIOD)));
        out.addAll(server.rows("SELECT s.product_type, COUNT(*), SUM(b.id), SUM(b.amount) FROM bill b"
                + " JOIN bill_settlement bs ON bs.bill_id = b.id JOIN settlement_statement s ON s.id = bs.statement_id GROUP BY s.product_type ORDER BY s.product_type"));
        out.addAll(server.rows("SELECT reason, COUNT(*), SUM(amount) FROM settlement_worklist GROUP BY reason ORDER BY reason"));
        return out;
    }

    /** Back to before the reference run: nothing settled, no run. */
    private void reset() throws Exception {
        server.update("DELETE FROM bill_settlement");
        for (String table : List.of("settlement_worklist", "settlement_staging", "settlement_partition",
                "settlement_statement", "settlement_run")) {
            server.update("DELETE FROM " + table);
        }
    }

    private String awaitEnd(long execution) throws Exception {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            String status = server.sql("SELECT batchstatus FROM job_execution WHERE jobexecutionid = ?", execution);
            return "COMPLETED".equals(status) || "FAILED".equals(status);
        });
        return server.sql("SELECT batchstatus FROM job_execution WHERE jobexecutionid = ?", execution);
    }
}
