package dev.stallkeeper.billing.domain;

/** One partition of a settlement run: its bill id range and how many of the run's bills it holds. */
public record PartitionRange(int partition, long fromId, long toId, long totalBills) {
}
