package dev.stallkeeper.billing.domain;

import java.util.Map;

/** What a slice adds: per product type the eligible sum and count, and how many of the run's bills it holds. */
public record SliceSums(Map<String, BillSum> eligible, long bills) {
}
