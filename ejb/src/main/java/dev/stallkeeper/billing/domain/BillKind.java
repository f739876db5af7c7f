package dev.stallkeeper.billing.domain;

/** What money movement a bill is. Refunds are negative; everything else is zero or positive. */
public enum BillKind {
    NEW, RENEWAL, UPGRADE, REFUND, USAGE;

    /** Whether {@code amount}'s sign suits this kind (refunds not positive, the others not negative). */
    public boolean allows(java.math.BigDecimal amount) {
        return this == REFUND ? amount.signum() <= 0 : amount.signum() >= 0;
    }
}
