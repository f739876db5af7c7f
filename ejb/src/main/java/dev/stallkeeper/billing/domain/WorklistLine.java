package dev.stallkeeper.billing.domain;

/** A stored worklist line. */
public record WorklistLine(long id, BillingPeriod period, WorklistEntry entry) {
}
