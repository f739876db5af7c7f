package dev.stallkeeper.billing.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One line of the worklist: a blocked bill (billId set) or a product type below the threshold (billId null,
 * amount = accumulated, gap = what is missing to the threshold).
 *
 * @param since for SUPERVISION_OPEN the time the bill took effect (days open are counted from it);
 *              for NOT_YET_EFFECTIVE the time it becomes settleable; otherwise null
 */
public record WorklistEntry(BlockReason reason, String productType, Long billId, BigDecimal amount, Instant since,
                            BigDecimal gap) {

    public static WorklistEntry forBill(BillFacts bill, BlockReason reason) {
        Instant since = switch (reason) {
            case SUPERVISION_OPEN -> bill.effectiveAt();
            case NOT_YET_EFFECTIVE -> bill.settleableAt();
            default -> null;
        };
        return new WorklistEntry(reason, bill.productType(), bill.id(), bill.amount(), since, null);
    }

    public static WorklistEntry belowThreshold(StatementDecision decision) {
        return new WorklistEntry(BlockReason.BELOW_THRESHOLD, decision.productType(), null, decision.accumulated(),
                null, decision.gap());
    }
}
