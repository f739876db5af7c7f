package dev.stallkeeper.billing.domain;

import java.math.BigDecimal;

/** One bill of a statement (the view settlement_statement_line). */
public record StatementLine(long statementId, long billId, String productType, String kind, String orderId,
                            String orderLineId, BigDecimal amount) {
}
