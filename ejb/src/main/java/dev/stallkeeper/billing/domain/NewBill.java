package dev.stallkeeper.billing.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A bill as an outside source describes it (KooGallery's bill export, or the admin API later). For pay-per-use
 * ({@link BillKind#USAGE}) {@code orderLineId} holds the consumption record's id.
 */
public record NewBill(BillKind kind, String orderId, String orderLineId, String instanceId, String productId,
                      String productType, BigDecimal amount, PaymentState payment, SupervisionState supervision,
                      Instant effectiveAt, Instant supervisionCompletedAt) {
}
