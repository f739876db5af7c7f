package dev.stallkeeper.billing.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallkeeper.billing.domain.BillingPeriod;
import dev.stallkeeper.billing.domain.BlockReason;
import dev.stallkeeper.billing.domain.SettlementPolicy;
import dev.stallkeeper.billing.domain.SettlementStatement;
import dev.stallkeeper.billing.domain.StatementLine;
import dev.stallkeeper.billing.domain.WorklistEntry;
import dev.stallkeeper.billing.domain.WorklistLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettlementCsvTest {

    private static final BillingPeriod PERIOD = BillingPeriod.of(2026, 4);

    @Test
    void statementsOneRowPerProductTypeWithTheDecisionsFigures() {
        SettlementPolicy policy = SettlementPolicy.defaults();
        List<SettlementStatement> statements = List.of(
                new SettlementStatement(1, PERIOD, policy.decide("SAAS", new BigDecimal("950.00"),
                        new BigDecimal("1050.00"), 5), Instant.EPOCH),
                new SettlementStatement(2, PERIOD, policy.decide("LICENSE", BigDecimal.ZERO.setScale(2),
                        new BigDecimal("300.00"), 1), Instant.EPOCH));
        StringBuilder out = new StringBuilder();
        SettlementCsv.statements(statements, out);
        assertThat(out.toString().split("\r\n")).containsExactly(
                "period,product_type,settled,carried_in,period_amount,accumulated,bill_count,threshold,fee_percent,"
                        + "gross,fee,net,carry_out,gap",
                "202604,SAAS,true,950.00,100.00,1050.00,5,1000.00,5,1050.00,52.50,997.50,0.00,0.00",
                "202604,LICENSE,false,0.00,300.00,300.00,1,1000.00,5,0.00,0.00,0.00,300.00,700.00");
    }

    @Test
    void linesAndWorklistQuoteWhatNeedsItAndLeaveMissingValuesEmpty() {
        StringBuilder lines = new StringBuilder();
        SettlementCsv.statementLines(PERIOD.id(), List.of(new StatementLine(7, 42, "SAAS", "NEW",
                "CS,1", "1", new BigDecimal("400.00"))), lines);
        assertThat(lines.toString().split("\r\n")).containsExactly(
                "period,product_type,statement_id,bill_id,kind,order_id,order_line_id,amount",
                "202604,SAAS,7,42,NEW,\"CS,1\",1,400.00");

        StringBuilder worklist = new StringBuilder();
        SettlementCsv.worklist(List.of(
                new WorklistLine(1, PERIOD, new WorklistEntry(BlockReason.SUPERVISION_OPEN, "LICENSE", 9L,
                        new BigDecimal("50.00"), Instant.parse("2026-04-02T02:00:00Z"), null)),
                new WorklistLine(2, PERIOD, new WorklistEntry(BlockReason.BELOW_THRESHOLD, "API", null,
                        new BigDecimal("100.00"), null, new BigDecimal("900.00")))), worklist);
        assertThat(worklist.toString().split("\r\n")).containsExactly(
                "period,reason,product_type,bill_id,amount,since,gap",
                "202604,SUPERVISION_OPEN,LICENSE,9,50.00,2026-04-02T02:00:00Z,",
                "202604,BELOW_THRESHOLD,API,,100.00,,900.00");
    }
}
