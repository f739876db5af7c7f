package dev.stallkeeper.billing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settlement over several months, period by period, as the monthly runs do it (threshold 1000, fee 5%). */
class PeriodSettlementTest {

    private static final SettlementPolicy POLICY = SettlementPolicy.defaults();
    private static final String SAAS = "SAAS";
    private static final String MANUAL = "MANUAL_SERVICE";

    private final Bills bills = new Bills();

    /** The ledger and the carry between monthly runs. */
    private final class Ledger {
        List<BillFacts> all = new ArrayList<>();
        Map<String, BigDecimal> carry = Map.of();

        PeriodSettlement.Result run(int yyyyMM) {
            PeriodSettlement.Result result = PeriodSettlement.compute(BillingPeriod.fromId(yyyyMM), all, carry, POLICY);
            all = new ArrayList<>(result.applyTo(all));
            carry = result.carryOut();
            return result;
        }

        BillFacts add(BillFacts bill) {
            all.add(bill);
            return bill;
        }

        void replace(BillFacts bill) {
            all.replaceAll(b -> b.id() == bill.id() ? bill : b);
        }
    }

    private static BigDecimal cny(String s) {
        return new BigDecimal(s);
    }

    @Test
    void theWorkedExampleOfTheSettlementRules() {
        Ledger ledger = new Ledger();
        ledger.add(bills.paid(SAAS, "400.00", "2026-01-12T10:00:00"));
        BillFacts manual = ledger.add(bills.supervised(MANUAL, "2000.00", "2026-01-20T10:00:00", null));
        ledger.add(bills.paid(SAAS, "500.00", "2026-02-03T10:00:00"));
        ledger.add(bills.paid(SAAS, "300.00", "2026-03-04T10:00:00"));
        ledger.add(bills.paid(SAAS, "-250.00", "2026-03-18T10:00:00"));
        ledger.add(bills.paid(SAAS, "100.00", "2026-04-09T10:00:00"));

        PeriodSettlement.Result jan = ledger.run(202601);
        assertCarry(jan, SAAS, "0.00", "400.00", "400.00");
        assertThat(jan.worklist()).extracting(WorklistEntry::reason, WorklistEntry::billId)
                .contains(org.assertj.core.groups.Tuple.tuple(BlockReason.SUPERVISION_OPEN, manual.id()))
                .endsWith(org.assertj.core.groups.Tuple.tuple(BlockReason.BELOW_THRESHOLD, null));
        assertThat(jan.worklist()).filteredOn(w -> w.reason() == BlockReason.NOT_YET_EFFECTIVE)
                .as("the February to April bills, already known").hasSize(4);
        assertThat(jan.worklist().get(jan.worklist().size() - 1).gap()).isEqualTo(cny("600.00"));

        PeriodSettlement.Result feb = ledger.run(202602);
        assertCarry(feb, SAAS, "400.00", "500.00", "900.00");

        ledger.replace(Bills.completed(manual, "2026-03-05T11:00:00"));
        PeriodSettlement.Result mar = ledger.run(202603);
        assertCarry(mar, SAAS, "900.00", "50.00", "950.00");
        StatementDecision manualMar = mar.statement(MANUAL).orElseThrow();
        assertThat(manualMar.settles()).isTrue();
        assertThat(manualMar.gross()).isEqualTo(cny("2000.00"));
        assertThat(manualMar.fee()).isEqualTo(cny("100.00"));
        assertThat(manualMar.net()).isEqualTo(cny("1900.00"));
        assertThat(mar.settledBills().get(MANUAL)).containsExactly(manual.id());

        PeriodSettlement.Result apr = ledger.run(202604);
        StatementDecision saasApr = apr.statement(SAAS).orElseThrow();
        assertThat(saasApr.settles()).isTrue();
        assertThat(saasApr.carriedIn()).isEqualTo(cny("950.00"));
        assertThat(saasApr.periodAmount()).isEqualTo(cny("100.00"));
        assertThat(saasApr.gross()).isEqualTo(cny("1050.00"));
        assertThat(saasApr.fee()).isEqualTo(cny("52.50"));
        assertThat(saasApr.net()).isEqualTo(cny("997.50"));
        assertThat(saasApr.carryOut()).isEqualTo(cny("0.00"));
        assertThat(apr.settledBills().get(SAAS)).as("five bills").hasSize(5);
        assertThat(apr.statement(MANUAL)).as("nothing left of the manual service").isEmpty();
        assertThat(ledger.all).allSatisfy(b -> assertThat(b.settled()).isTrue());

        PeriodSettlement.Result may = ledger.run(202605);
        assertThat(may.statements()).isEmpty();
        assertThat(may.settledBills()).isEmpty();
    }

    @Test
    void aProductTypeCrossesTheThresholdInItsThirdMonth() {
        Ledger ledger = new Ledger();
        ledger.add(bills.paid(SAAS, "300.00", "2026-05-02T09:00:00"));
        ledger.add(bills.paid(SAAS, "350.00", "2026-06-15T09:00:00"));
        ledger.add(bills.paid(SAAS, "349.99", "2026-07-01T00:00:00"));
        assertCarry(ledger.run(202605), SAAS, "0.00", "300.00", "300.00");
        assertCarry(ledger.run(202606), SAAS, "300.00", "350.00", "650.00");
        PeriodSettlement.Result jul = ledger.run(202607);
        assertCarry(jul, SAAS, "650.00", "349.99", "999.99"); // one fen short: still carried

        ledger.add(bills.paid(SAAS, "0.01", "2026-08-31T23:59:59"));
        PeriodSettlement.Result aug = ledger.run(202608);
        StatementDecision d = aug.statement(SAAS).orElseThrow();
        assertThat(d.settles()).isTrue();
        assertThat(d.gross()).isEqualTo(cny("1000.00"));
        assertThat(d.fee()).isEqualTo(cny("50.00"));
        assertThat(d.net()).isEqualTo(cny("950.00"));
        assertThat(d.billCount()).isEqualTo(4);
        assertThat(aug.worklist()).isEmpty();
    }

    @Test
    void aRefundPullsTheAccumulatedAmountBackBelowTheThreshold() {
        Ledger ledger = new Ledger();
        ledger.add(bills.paid(SAAS, "600.00", "2026-05-02T09:00:00"));
        ledger.add(bills.paid(SAAS, "500.00", "2026-05-20T09:00:00"));
        ledger.add(bills.paid(SAAS, "-500.00", "2026-05-25T09:00:00")); // 5-day no-reason refund
        PeriodSettlement.Result may = ledger.run(202605);
        assertCarry(may, SAAS, "0.00", "600.00", "600.00");
        assertThat(may.settledBills()).isEmpty();

        // a refund bigger than what is carried: the negative amount carries and offsets later sales
        ledger.add(bills.paid(SAAS, "-700.00", "2026-06-03T09:00:00"));
        assertCarry(ledger.run(202606), SAAS, "600.00", "-700.00", "-100.00");
        ledger.add(bills.paid(SAAS, "1050.00", "2026-07-03T09:00:00"));
        PeriodSettlement.Result jul = ledger.run(202607);
        assertCarry(jul, SAAS, "-100.00", "1050.00", "950.00");
        ledger.add(bills.paid(SAAS, "50.00", "2026-08-03T09:00:00"));
        StatementDecision aug = ledger.run(202608).statement(SAAS).orElseThrow();
        assertThat(aug.settles()).isTrue();
        assertThat(aug.gross()).isEqualTo(cny("1000.00"));
        assertThat(aug.billCount()).isEqualTo(6);
    }

    @Test
    void aRenewalBelongsToThePeriodItTakesEffectInNotThePaymentMonth() {
        Ledger ledger = new Ledger();
        ledger.add(bills.paid(SAAS, "500.00", "2026-01-05T09:00:00"));
        // paid on 20 January, effective on 10 February
        BillFacts renewal = ledger.add(bills.renewal(SAAS, "600.00", "2026-02-10T00:00:00"));
        PeriodSettlement.Result jan = ledger.run(202601);
        assertCarry(jan, SAAS, "0.00", "500.00", "500.00");
        assertThat(jan.worklist()).extracting(WorklistEntry::reason, WorklistEntry::billId).first()
                .isEqualTo(org.assertj.core.groups.Tuple.tuple(BlockReason.NOT_YET_EFFECTIVE, renewal.id()));
        assertThat(jan.worklist().get(0).since()).isEqualTo(Bills.beijing("2026-02-10T00:00:00"));

        PeriodSettlement.Result feb = ledger.run(202602);
        StatementDecision d = feb.statement(SAAS).orElseThrow();
        assertThat(d.settles()).isTrue();
        assertThat(d.periodAmount()).isEqualTo(cny("600.00"));
        assertThat(d.gross()).isEqualTo(cny("1100.00"));
        assertThat(feb.settledBills().get(SAAS)).contains(renewal.id());
    }

    @Test
    void aBillEffectiveJustAfterBeijingMidnightBelongsToTheNextMonth() {
        Ledger ledger = new Ledger();
        // 2026-01-31T17:00:00Z is 01:00 on 1 February in Beijing
        java.time.Instant at = java.time.Instant.parse("2026-01-31T17:00:00Z");
        ledger.add(new BillFacts(99, SAAS, BillKind.NEW, cny("1200.00"), PaymentState.PAID,
                SupervisionState.NOT_REQUIRED, at, at, null));
        assertThat(ledger.run(202601).statements()).isEmpty();
        assertThat(ledger.run(202602).statement(SAAS).orElseThrow().settles()).isTrue();
    }

    @Test
    void supervisionCompletingLateSettlesInThePeriodItCompletedIn() {
        Ledger ledger = new Ledger();
        BillFacts license = ledger.add(bills.supervised("LICENSE", "1500.00", "2026-01-10T09:00:00", null));
        PeriodSettlement.Result jan = ledger.run(202601);
        assertThat(jan.statements()).isEmpty();
        assertThat(jan.worklist()).singleElement().satisfies(w -> {
            assertThat(w.reason()).isEqualTo(BlockReason.SUPERVISION_OPEN);
            assertThat(w.since()).isEqualTo(Bills.beijing("2026-01-10T09:00:00"));
        });
        assertThat(ledger.run(202602).statements()).isEmpty();

        // accepted on 5 April; even a March run done after that must leave it to April
        ledger.replace(Bills.completed(license, "2026-04-05T10:00:00"));
        PeriodSettlement.Result mar = ledger.run(202603);
        assertThat(mar.statements()).as("completed after March ended: not March's").isEmpty();
        assertThat(mar.worklist()).singleElement().extracting(WorklistEntry::reason)
                .isEqualTo(BlockReason.NOT_YET_EFFECTIVE);
        PeriodSettlement.Result apr = ledger.run(202604);
        assertThat(apr.statement("LICENSE").orElseThrow().settles()).isTrue();
        assertThat(apr.settledBills().get("LICENSE")).containsExactly(license.id());
    }

    @Test
    void unpaidAndPostpaidBillsWaitAndSettleOnceTheMoneyIsIn() {
        Ledger ledger = new Ledger();
        BillFacts unpaid = ledger.add(Bills.with(bills.paid(SAAS, "700.00", "2026-01-10T09:00:00"), PaymentState.UNPAID));
        BillFacts postpaid = ledger.add(Bills.with(bills.paid(SAAS, "400.00", "2026-01-11T09:00:00"),
                PaymentState.POSTPAID_AWAITING_REPAYMENT));
        PeriodSettlement.Result jan = ledger.run(202601);
        assertThat(jan.statements()).isEmpty();
        assertThat(jan.worklist()).extracting(WorklistEntry::reason)
                .containsExactly(BlockReason.UNPAID, BlockReason.POSTPAID_NOT_REPAID);

        ledger.replace(Bills.with(unpaid, PaymentState.PAID));
        PeriodSettlement.Result feb = ledger.run(202602);
        assertCarry(feb, SAAS, "0.00", "700.00", "700.00");

        ledger.replace(Bills.with(postpaid, PaymentState.REPAID));
        PeriodSettlement.Result mar = ledger.run(202603);
        StatementDecision d = mar.statement(SAAS).orElseThrow();
        assertThat(d.settles()).isTrue();
        assertThat(d.gross()).isEqualTo(cny("1100.00"));
        assertThat(d.carriedIn()).isEqualTo(cny("700.00"));
        assertThat(d.periodAmount()).isEqualTo(cny("400.00"));
    }

    @Test
    void productTypesAccumulateSeparately() {
        Ledger ledger = new Ledger();
        ledger.add(bills.paid(SAAS, "800.00", "2026-01-10T09:00:00"));
        ledger.add(bills.paid("API", "800.00", "2026-01-10T09:00:00"));
        PeriodSettlement.Result jan = ledger.run(202601);
        assertThat(jan.settledBills()).isEmpty();
        assertThat(jan.worklist()).extracting(WorklistEntry::productType).containsExactly("API", SAAS);
    }

    private static void assertCarry(PeriodSettlement.Result result, String type, String carriedIn, String periodAmount,
                                    String accumulated) {
        StatementDecision d = result.statement(type).orElseThrow();
        assertThat(d.settles()).as("settles").isFalse();
        assertThat(d.carriedIn()).as("carried in").isEqualTo(cny(carriedIn));
        assertThat(d.periodAmount()).as("period amount").isEqualTo(cny(periodAmount));
        assertThat(d.accumulated()).as("accumulated").isEqualTo(cny(accumulated));
        assertThat(d.carryOut()).as("carry out").isEqualTo(cny(accumulated));
        assertThat(d.fee()).isEqualTo(cny("0.00"));
        assertThat(result.settledBills()).doesNotContainKey(type);
    }
}
