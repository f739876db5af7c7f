package dev.stallkeeper.billing.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money in Chinese yuan as {@link BigDecimal} with exactly two decimals (fen). Rounding rule of the whole
 * ledger: amounts that arrive with more precision (Query Order allows three decimals) are rounded half-up
 * to the fen once, when the bill is recorded; the platform fee is rounded half-up to the fen once, on the
 * statement total, never per bill.
 */
public final class Cny {

    public static final int SCALE = 2;
    public static final BigDecimal ZERO = new BigDecimal("0.00");

    private Cny() {
    }

    /** Parses a plain decimal such as {@code 1050.00} or {@code -250.5}; more than two decimals is an error. */
    public static BigDecimal parseExact(String text) {
        BigDecimal value;
        try {
            value = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a decimal amount: '" + text + "'");
        }
        return exact(value);
    }

    /** The amount at scale 2; refuses amounts with fractions of a fen (they would have to be rounded). */
    public static BigDecimal exact(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > SCALE) {
            throw new IllegalArgumentException("amount " + value.toPlainString() + " has more than 2 decimals");
        }
        return value.setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    /** Rounds half-up to the fen (the one rounding rule of the ledger). */
    public static BigDecimal fen(BigDecimal value) {
        return value.setScale(SCALE, RoundingMode.HALF_UP);
    }
}
