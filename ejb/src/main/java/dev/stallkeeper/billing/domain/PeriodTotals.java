package dev.stallkeeper.billing.domain;

import java.math.BigDecimal;

/** Totals of each period's statements: settled product types, gross, fee and net settled, amount carried. */
public record PeriodTotals(int period, long statements, long settled, BigDecimal gross, BigDecimal fee,
                           BigDecimal net, BigDecimal carried) {
}
