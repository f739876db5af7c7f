package dev.stallkeeper.billing.domain;

import java.util.Optional;

/**
 * Whether a bill may be settled in a period (settlement-rules.md): it is eligible for period P when, at the
 * time of the run, (1) it became settleable in P or earlier, (2) it is paid (a postpaid bill: repaid),
 * (3) supervision is NOT_REQUIRED or COMPLETED, and (4) it is not settled yet. An earlier unsettled bill stays
 * a candidate until it settles; a bill that becomes eligible late settles in the period it became eligible in.
 */
public final class Eligibility {

    private Eligibility() {
    }

    /** Empty when the bill is eligible for {@code period}; otherwise why not (see {@link BlockReason} for the order). */
    public static Optional<BlockReason> blocker(BillFacts bill, BillingPeriod period) {
        if (bill.settled()) {
            throw new IllegalArgumentException("bill " + bill.id() + " is settled already (period "
                    + bill.settledInPeriod() + "); settled bills are no candidates");
        }
        if (bill.payment() == PaymentState.UNPAID) {
            return Optional.of(BlockReason.UNPAID);
        }
        if (bill.payment() == PaymentState.POSTPAID_AWAITING_REPAYMENT) {
            return Optional.of(BlockReason.POSTPAID_NOT_REPAID);
        }
        if (!bill.supervision().allowsSettlement() || bill.settleableAt() == null) {
            return Optional.of(BlockReason.SUPERVISION_OPEN);
        }
        if (!bill.settleableAt().isBefore(period.end())) {
            return Optional.of(BlockReason.NOT_YET_EFFECTIVE);
        }
        return Optional.empty();
    }

    public static boolean eligible(BillFacts bill, BillingPeriod period) {
        return !bill.settled() && blocker(bill, period).isEmpty();
    }
}
