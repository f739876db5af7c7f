package dev.stallkeeper.usage.application;

/**
 * One record as the seller's SaaS reports it ({@code POST /api/usage}), still unchecked text: {@code id} is the
 * caller's idempotency key, {@code value} a decimal of at most 4 decimals (0 allowed: recorded, never pushed),
 * times ISO-8601 instants in whole seconds.
 */
public record ReportedUsage(String id, String instanceId, String unit, String value, String beginTime,
                            String endTime, String relatePkgInstance) {
}
