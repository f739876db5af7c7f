package dev.stallkeeper.billing.domain;

import java.time.Instant;

/**
 * A period's settlement run: its claim, its frozen inputs (bill id range; only bills recorded and last changed
 * before {@code startedAt} take part, so every partition and the final step see the same bills) and its progress.
 */
public record SettlementRun(BillingPeriod period, Status status, Long jobInstanceId, Long executionId,
                            String claimedBy, Instant claimedAt, Instant startedAt, Instant finishedAt,
                            Long minBillId, Long maxBillId, long totalBills, long doneBills, String failure) {

    public enum Status { CLAIMED, RUNNING, COMPLETED, FAILED }

    /** Share of the bills read so far, 0..1 (1 once completed). */
    public double progress() {
        if (status == Status.COMPLETED) {
            return 1.0;
        }
        return totalBills == 0 ? 0.0 : Math.min(1.0, (double) doneBills / totalBills);
    }
}
