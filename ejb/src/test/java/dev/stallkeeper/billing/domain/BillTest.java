package dev.stallkeeper.billing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BillTest {

    private static final Instant T0 = Instant.parse("2026-01-10T02:00:00Z");
    private static final Instant LATER = Instant.parse("2026-03-05T03:00:00Z");

    private static Bill bill(BillKind kind, String amount, PaymentState payment, SupervisionState supervision) {
        return new Bill(Bill.sourceOf(kind), Bill.orderKey("CS1", "CS1-000001", kind), "TEST", "CS1", "CS1-000001",
                "inst-1", "P-1", "saas", kind, new BigDecimal(amount), payment, supervision, T0,
                supervision == SupervisionState.COMPLETED ? LATER : null, T0);
    }

    @Test
    void settleableAtFollowsSupervision() {
        assertThat(bill(BillKind.NEW, "10", PaymentState.PAID, SupervisionState.NOT_REQUIRED).settleableAt()).isEqualTo(T0);
        assertThat(bill(BillKind.NEW, "10", PaymentState.PAID, SupervisionState.COMPLETED).settleableAt()).isEqualTo(LATER);
        Bill supervised = bill(BillKind.NEW, "10", PaymentState.PAID, SupervisionState.IN_PROGRESS);
        assertThat(supervised.settleableAt()).isNull();
        assertThat(supervised.completeSupervision(LATER, LATER)).isTrue();
        assertThat(supervised.settleableAt()).isEqualTo(LATER);
        assertThat(supervised.completeSupervision(LATER.plusSeconds(5), LATER)).as("once").isFalse();
        assertThat(supervised.settleableAt()).isEqualTo(LATER);
        assertThat(supervised.productType()).isEqualTo("SAAS");
        assertThat(supervised.amount()).isEqualTo(new BigDecimal("10.00"));
    }

    @Test
    void refundsAreNegativeAndEverythingElseIsNot() {
        assertThat(bill(BillKind.REFUND, "-250.00", PaymentState.PAID, SupervisionState.NOT_REQUIRED).amount())
                .isEqualTo(new BigDecimal("-250.00"));
        assertThatThrownBy(() -> bill(BillKind.REFUND, "250.00", PaymentState.PAID, SupervisionState.NOT_REQUIRED))
                .hasMessageContaining("refunds are negative");
        assertThatThrownBy(() -> bill(BillKind.RENEWAL, "-1", PaymentState.PAID, SupervisionState.NOT_REQUIRED))
                .hasMessageContaining("RENEWAL bill with amount -1.00");
        assertThatThrownBy(() -> bill(BillKind.NEW, "1.001", PaymentState.PAID, SupervisionState.NOT_REQUIRED))
                .hasMessageContaining("more than 2 decimals");
    }

    @Test
    void paymentMovesForwardOnly() {
        Bill b = bill(BillKind.NEW, "10", PaymentState.UNPAID, SupervisionState.NOT_REQUIRED);
        assertThat(b.markPostpaid(T0)).isTrue();
        assertThat(b.paymentState()).isEqualTo(PaymentState.POSTPAID_AWAITING_REPAYMENT);
        assertThatThrownBy(() -> b.markPaid(T0)).isInstanceOf(BillingException.class);
        assertThat(b.markRepaid(T0)).isTrue();
        assertThat(b.markRepaid(T0)).isFalse();
        assertThat(b.facts().payment().counts()).isTrue();
        Bill paid = bill(BillKind.NEW, "10", PaymentState.PAID, SupervisionState.NOT_REQUIRED);
        assertThatThrownBy(() -> paid.markPostpaid(T0)).hasMessageContaining("cannot become");
    }

    @Test
    void aSettledBillNoLongerChanges() throws ReflectiveOperationException {
        Bill b = bill(BillKind.NEW, "10", PaymentState.UNPAID, SupervisionState.IN_PROGRESS);
        var row = BillSettlement.class.getDeclaredConstructor();
        row.setAccessible(true);
        BillSettlement ledger = row.newInstance();
        var period = BillSettlement.class.getDeclaredField("period");
        period.setAccessible(true);
        period.set(ledger, 202601);
        var settlement = Bill.class.getDeclaredField("settlement");
        settlement.setAccessible(true);
        settlement.set(b, ledger);
        assertThatThrownBy(() -> b.markPaid(T0)).hasMessageContaining("settled in 202601");
        assertThatThrownBy(() -> b.completeSupervision(LATER, LATER)).isInstanceOf(BillingException.class);
        assertThat(b.facts().settled()).isTrue();
    }
}
