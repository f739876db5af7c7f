package dev.stallkeeper.billing.domain;

/**
 * Whether the buyer's money is in. Cash, coupons and credit count as paid; a postpaid (credit) bill counts
 * only once the customer has repaid the month's bill.
 */
public enum PaymentState {
    UNPAID, PAID, POSTPAID_AWAITING_REPAYMENT, REPAID;

    public boolean counts() {
        return this == PAID || this == REPAID;
    }
}
