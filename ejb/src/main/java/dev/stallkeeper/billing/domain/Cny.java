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
    /** Digits before the decimal point an amount may have: ample for any bill (the widest column is NUMERIC(18, 2)). */
    public static final int MAX_INTEGER_DIGITS = 13;

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
        bounded(value);
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > SCALE) {
            throw new IllegalArgumentException("amount " + value + " has more than 2 decimals");
        }
        return value.setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    /** Rounds half-up to the fen (the one rounding rule of the ledger). */
    public static BigDecimal fen(BigDecimal value) {
        return bounded(value).setScale(SCALE, RoundingMode.HALF_UP);
    }

    /**
     * Refuses a value too large for money before any arithmetic expands it: {@code 1e300000000} is one digit with
     * a huge exponent, and {@code setScale} or {@code toPlainString} on it would compute 10^300000000. An absurd
     * number of decimals is refused too (they could only be rounded away).
     */
    public static BigDecimal bounded(BigDecimal value) {
        if (value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException("amount " + value + " is out of range (at most " + MAX_INTEGER_DIGITS
                    + " digits before the decimal point)");
        }
        if (value.scale() > 100) {
            throw new IllegalArgumentException("amount " + value + " has more than 100 decimals");
        }
        return value;
    }
}
