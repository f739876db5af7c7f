package dev.stallkeeper.billing.domain;

import java.math.BigDecimal;

/**
 * The outcome for one product type in one period.
 *
 * @param carriedIn     what the previous statement of this type carried forward (0 if none)
 * @param periodAmount  accumulated - carriedIn: what became eligible in this run
 * @param accumulated   the sum of all eligible, unsettled bills of the type (carried ones included)
 * @param settles       accumulated reached the threshold: every one of those bills settles now
 * @param gross         accumulated when it settles, otherwise 0
 * @param fee           gross x fee percent, rounded half-up to the fen; 0 when it does not settle
 * @param net           gross - fee
 * @param carryOut      0 when it settles, otherwise accumulated (negative amounts carry too)
 * @param gap           threshold - accumulated when it does not settle, otherwise 0
 */
public record StatementDecision(String productType, BigDecimal carriedIn, BigDecimal periodAmount,
                                BigDecimal accumulated, long billCount, BigDecimal threshold, boolean settles,
                                BigDecimal feePercent, BigDecimal gross, BigDecimal fee, BigDecimal net,
                                BigDecimal carryOut, BigDecimal gap) {
}
