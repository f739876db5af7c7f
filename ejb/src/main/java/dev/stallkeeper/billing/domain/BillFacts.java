package dev.stallkeeper.billing.domain;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the settlement rules need to know about one bill, as a plain value (the batch job reads these, the
 * rules and their tests work on them without a database).
 *
 * @param settleableAt     null while supervision is open
 * @param settledInPeriod  null until settled
 */
public record BillFacts(long id, String productType, BillKind kind, BigDecimal amount, PaymentState payment,
                        SupervisionState supervision, Instant effectiveAt, Instant settleableAt,
                        Integer settledInPeriod) implements Serializable {

    public boolean settled() {
        return settledInPeriod != null;
    }
}
