package dev.stallkeeper.billing.domain;

/** The two partitioned steps of a settlement run, each with its own checkpoint position per partition. */
public enum SettlementPhase {
    /** Counting: the partition's sums, worklist and progress. */
    ACCUMULATE,
    /** Settling: the partition's rows of the settlement ledger. */
    SETTLE
}
