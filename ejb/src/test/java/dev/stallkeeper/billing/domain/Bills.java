package dev.stallkeeper.billing.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicLong;

/** Test bills: amounts in yuan as text, times in Beijing local time. */
final class Bills {

    private final AtomicLong ids = new AtomicLong();

    static Instant beijing(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BillingPeriod.ZONE).toInstant();
    }

    /** Paid, no supervision, settleable when it took effect. */
    BillFacts paid(String type, String amount, String effectiveBeijing) {
        Instant at = beijing(effectiveBeijing);
        BigDecimal value = new BigDecimal(amount);
        return new BillFacts(ids.incrementAndGet(), type, value.signum() < 0 ? BillKind.REFUND : BillKind.NEW, value,
                PaymentState.PAID, SupervisionState.NOT_REQUIRED, at, at, null);
    }

    BillFacts renewal(String type, String amount, String effectiveBeijing) {
        Instant at = beijing(effectiveBeijing);
        return new BillFacts(ids.incrementAndGet(), type, BillKind.RENEWAL, new BigDecimal(amount),
                PaymentState.PAID, SupervisionState.NOT_REQUIRED, at, at, null);
    }

    BillFacts supervised(String type, String amount, String effectiveBeijing, String completedBeijing) {
        Instant at = beijing(effectiveBeijing);
        Instant done = completedBeijing == null ? null : beijing(completedBeijing);
        return new BillFacts(ids.incrementAndGet(), type, BillKind.NEW, new BigDecimal(amount), PaymentState.PAID,
                done == null ? SupervisionState.IN_PROGRESS : SupervisionState.COMPLETED, at, done, null);
    }

    static BillFacts with(BillFacts b, PaymentState payment) {
        return new BillFacts(b.id(), b.productType(), b.kind(), b.amount(), payment, b.supervision(), b.effectiveAt(),
                b.settleableAt(), b.settledInPeriod());
    }

    static BillFacts completed(BillFacts b, String completedBeijing) {
        Instant done = beijing(completedBeijing);
        return new BillFacts(b.id(), b.productType(), b.kind(), b.amount(), b.payment(), SupervisionState.COMPLETED,
                b.effectiveAt(), done, b.settledInPeriod());
    }
}
