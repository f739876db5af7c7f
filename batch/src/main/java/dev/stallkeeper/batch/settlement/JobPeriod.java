package dev.stallkeeper.batch.settlement;

import dev.stallkeeper.billing.domain.BillingPeriod;

/** The job parameter {@code period} ({@code yyyyMM}, required). */
final class JobPeriod {

    private JobPeriod() {
    }

    static BillingPeriod resolve(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("job parameter period (yyyyMM, e.g. 202602) is required");
        }
        return BillingPeriod.parse(value);
    }

    static String nodeName() {
        return System.getProperty("jboss.node.name", "unknown");
    }
}
