package dev.stallkeeper.billing.domain;

import java.math.BigDecimal;

/** Per product type: the sum and the count of bills. */
public record BillSum(BigDecimal amount, long count) {
    public BillSum plus(BigDecimal more) {
        return new BillSum(amount.add(more), count + 1);
    }
}
