package dev.stallkeeper.billing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The eligibility rule table of settlement-rules.md, for period 2026-02 (ends 2026-02-28T16:00:00Z). */
class EligibilityTest {

    private static final BillingPeriod FEB = BillingPeriod.of(2026, 2);

    @ParameterizedTest(name = "[{index}] {0} / {1} / settleable {2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            // payment,                    supervision,   settleable-at (UTC),     outcome
            "PAID,                         NOT_REQUIRED,  2026-02-10T00:00:00Z,   ELIGIBLE",
            "REPAID,                       NOT_REQUIRED,  2026-02-10T00:00:00Z,   ELIGIBLE",
            "PAID,                         COMPLETED,     2026-02-10T00:00:00Z,   ELIGIBLE",
            "PAID,                         NOT_REQUIRED,  2025-06-01T00:00:00Z,   ELIGIBLE",  // earlier periods stay candidates
            "PAID,                         NOT_REQUIRED,  2026-02-28T15:59:59Z,   ELIGIBLE",  // 23:59:59 on 28 Feb, Beijing
            "PAID,                         NOT_REQUIRED,  2026-02-28T16:00:00Z,   NOT_YET_EFFECTIVE", // 1 March, Beijing
            "PAID,                         NOT_REQUIRED,  2026-03-10T00:00:00Z,   NOT_YET_EFFECTIVE",
            "UNPAID,                       NOT_REQUIRED,  2026-02-10T00:00:00Z,   UNPAID",
            "POSTPAID_AWAITING_REPAYMENT,  NOT_REQUIRED,  2026-02-10T00:00:00Z,   POSTPAID_NOT_REPAID",
            "PAID,                         IN_PROGRESS,   -,                      SUPERVISION_OPEN",
            "UNPAID,                       IN_PROGRESS,   -,                      UNPAID",            // payment is named first
            "POSTPAID_AWAITING_REPAYMENT,  NOT_REQUIRED,  2026-03-10T00:00:00Z,   POSTPAID_NOT_REPAID",
            "PAID,                         COMPLETED,     2026-03-05T00:00:00Z,   NOT_YET_EFFECTIVE", // accepted in March
    })
    void ruleTable(PaymentState payment, SupervisionState supervision, String settleableAt, String outcome) {
        Instant at = settleableAt == null ? null : Instant.parse(settleableAt);
        BillFacts bill = new BillFacts(1, "SAAS", BillKind.NEW, new BigDecimal("10.00"), payment, supervision,
                Instant.parse("2026-01-05T00:00:00Z"), at, null);
        if ("ELIGIBLE".equals(outcome)) {
            assertThat(Eligibility.blocker(bill, FEB)).isEmpty();
            assertThat(Eligibility.eligible(bill, FEB)).isTrue();
        } else {
            assertThat(Eligibility.blocker(bill, FEB)).contains(BlockReason.valueOf(outcome));
            assertThat(Eligibility.eligible(bill, FEB)).isFalse();
        }
    }

    @Test
    void aSettledBillIsNoCandidate() {
        BillFacts settled = new BillFacts(7, "SAAS", BillKind.NEW, new BigDecimal("10.00"), PaymentState.PAID,
                SupervisionState.NOT_REQUIRED, Instant.EPOCH, Instant.EPOCH, 202601);
        assertThat(Eligibility.eligible(settled, FEB)).isFalse();
        assertThatThrownBy(() -> Eligibility.blocker(settled, FEB)).hasMessageContaining("settled already");
    }
}
