package dev.stallkeeper.billing.domain;

import java.time.Instant;

/** A stored statement. */
public record SettlementStatement(long id, BillingPeriod period, StatementDecision decision, Instant createdAt) {
}
