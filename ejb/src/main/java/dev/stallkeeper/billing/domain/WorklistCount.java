package dev.stallkeeper.billing.domain;

import java.math.BigDecimal;

/** A period's worklist per reason: how many lines, and their amount. */
public record WorklistCount(String reason, long lines, BigDecimal amount) {
}
