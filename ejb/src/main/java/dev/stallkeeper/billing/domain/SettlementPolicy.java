package dev.stallkeeper.billing.domain;

import dev.stallkeeper.catalog.domain.ProductType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The threshold and the platform fee (settlement-rules.md). For each product type, accumulated = the eligible
 * unsettled bills (carried ones included, negatives included); at or above the threshold they all settle in one
 * statement and the carry resets to 0, below it nothing settles and the accumulated amount carries forward
 * (a negative amount never settles). Fee = gross x percent / 100, rounded half-up to the fen on the
 * statement total; net = gross - fee. The percent is per product type, with a default for the others.
 */
public record SettlementPolicy(BigDecimal threshold, BigDecimal defaultFeePercent,
                               Map<String, BigDecimal> feePercentByType) {

    public static final BigDecimal DEFAULT_THRESHOLD = new BigDecimal("1000.00");
    public static final BigDecimal DEFAULT_FEE_PERCENT = new BigDecimal("5");

    public SettlementPolicy {
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(defaultFeePercent, "defaultFeePercent");
        if (threshold.signum() <= 0) {
            throw new IllegalArgumentException("the settlement threshold must be positive, not " + threshold);
        }
        threshold = Cny.exact(threshold);
        checkPercent("default", defaultFeePercent);
        Map<String, BigDecimal> copy = new TreeMap<>();
        (feePercentByType == null ? Map.<String, BigDecimal>of() : feePercentByType).forEach((type, percent) -> {
            checkPercent(type, percent);
            copy.put(ProductType.normalize(type), percent);
        });
        feePercentByType = Map.copyOf(copy);
    }

    public static SettlementPolicy defaults() {
        return new SettlementPolicy(DEFAULT_THRESHOLD, DEFAULT_FEE_PERCENT, Map.of());
    }

    private static void checkPercent(String type, BigDecimal percent) {
        if (percent == null || percent.signum() < 0 || percent.compareTo(new BigDecimal("100")) > 0
                || percent.stripTrailingZeros().scale() > 4) {
            throw new IllegalArgumentException("platform fee percent for " + type
                    + " must be between 0 and 100 with at most 4 decimals, not " + percent);
        }
    }

    public BigDecimal feePercent(String productType) {
        return feePercentByType.getOrDefault(productType, defaultFeePercent);
    }

    /** The fee on a statement's gross amount: gross x percent / 100, half-up to the fen. */
    public BigDecimal fee(String productType, BigDecimal gross) {
        return gross.multiply(feePercent(productType)).divide(new BigDecimal(100), Cny.SCALE, RoundingMode.HALF_UP);
    }

    /** Decides one product type's statement from what was carried in and what has accumulated now. */
    public StatementDecision decide(String productType, BigDecimal carriedIn, BigDecimal accumulated, long billCount) {
        BigDecimal in = Cny.exact(carriedIn);
        BigDecimal total = Cny.exact(accumulated);
        BigDecimal percent = feePercent(productType);
        boolean settles = total.compareTo(threshold) >= 0;
        if (settles) {
            BigDecimal fee = fee(productType, total);
            return new StatementDecision(productType, in, total.subtract(in), total, billCount, threshold, true,
                    percent, total, fee, total.subtract(fee), Cny.ZERO, Cny.ZERO);
        }
        return new StatementDecision(productType, in, total.subtract(in), total, billCount, threshold, false,
                percent, Cny.ZERO, Cny.ZERO, Cny.ZERO, total, threshold.subtract(total));
    }
}
