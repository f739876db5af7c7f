package dev.stallkeeper.usage.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One reported consumption record once its fields are checked: what the caller's id stands for. Two readings with
 * the same id are the same report only if they are {@link #sameAs equal in every field}.
 */
public record UsageReading(String id, String instanceId, String unit, BigDecimal value, Instant begin, Instant end,
                           String relatePkgInstance) {

    public static final int MAX_ID = 64;
    /** Digits before the decimal point a value may have (the column is NUMERIC(20, 4)). */
    public static final int MAX_INTEGER_DIGITS = 16;
    /** How far in the future an end time may be (clock differences between the SaaS and Stallkeeper). */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    /**
     * Checks the fields of one record. Returns the reading, or null after adding one line per problem to
     * {@code problems}, each starting with {@code label}.
     */
    public static UsageReading parse(String label, String id, String instanceId, String unit, String value,
                                     String beginTime, String endTime, String relatePkgInstance, Set<String> units,
                                     Instant now, List<String> problems) {
        int before = problems.size();
        text(label, "id", id, problems);
        text(label, "instanceId", instanceId, problems);
        if (relatePkgInstance != null && relatePkgInstance.length() > MAX_ID) {
            problems.add(label + ": relatePkgInstance has more than " + MAX_ID + " characters");
        }
        if (unit == null || unit.isBlank()) {
            problems.add(label + ": unit is required (one of " + String.join(", ", units) + ")");
        } else if (!units.contains(unit)) {
            problems.add(label + ": unknown unit '" + shorten(unit) + "' (known: "
                    + (units.isEmpty() ? "none, set STALLKEEPER_USAGE_UNITS" : String.join(", ", units)) + ")");
        }
        BigDecimal amount = null;
        if (value == null || value.isBlank()) {
            problems.add(label + ": value is required");
        } else {
            try {
                amount = new BigDecimal(value.trim());
                // bounded before anything expands it: "1e999999999" is one digit with a huge exponent
                if (amount.precision() - amount.scale() > MAX_INTEGER_DIGITS || amount.scale() > 1_000) {
                    problems.add(label + ": value is out of range (at most " + MAX_INTEGER_DIGITS
                            + " digits before the decimal point): " + shorten(value));
                    amount = null;
                } else if (amount.signum() < 0) {
                    problems.add(label + ": value must not be negative, got " + shorten(value));
                } else if (amount.stripTrailingZeros().scale() > 4) {
                    problems.add(label + ": value has more than 4 decimals: " + shorten(value));
                } else if (amount.stripTrailingZeros().toPlainString().length() > 20) {
                    problems.add(label + ": value has more than 20 characters: " + shorten(value));
                }
            } catch (NumberFormatException e) {
                problems.add(label + ": value is not a decimal number: '" + shorten(value) + "'");
            }
        }
        Instant begin = time(label, "beginTime", beginTime, problems);
        Instant end = time(label, "endTime", endTime, problems);
        if (begin != null && end != null) {
            if (begin.isAfter(end)) {
                problems.add(label + ": beginTime is after endTime");
            }
            if (end.isAfter(now.plus(CLOCK_SKEW))) {
                problems.add(label + ": endTime " + end + " is in the future (report usage once it has happened)");
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new UsageReading(id, instanceId, unit, amount, begin, end,
                relatePkgInstance == null || relatePkgInstance.isBlank() ? null : relatePkgInstance);
    }

    /** Whether {@code other} reports exactly this (values compared as numbers: 1.5 equals 1.50). */
    public boolean sameAs(UsageReading other) {
        return id.equals(other.id) && instanceId.equals(other.instanceId) && unit.equals(other.unit)
                && value.compareTo(other.value) == 0 && begin.equals(other.begin) && end.equals(other.end)
                && Objects.equals(relatePkgInstance, other.relatePkgInstance);
    }

    /** The reading a stored record stands for. */
    public static UsageReading of(UsageRecord r) {
        return new UsageReading(r.reportId(), r.instanceId(), r.unit(), r.usageValue(), r.beginTime(), r.endTime(),
                r.relatePkgInstance());
    }

    private static void text(String label, String field, String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(label + ": " + field + " is required");
        } else if (value.length() > MAX_ID) {
            problems.add(label + ": " + field + " has more than " + MAX_ID + " characters");
        }
    }

    private static Instant time(String label, String field, String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(label + ": " + field + " is required (ISO-8601, e.g. 2026-11-29T13:00:00Z)");
            return null;
        }
        try {
            Instant t = java.time.OffsetDateTime.parse(value.trim()).toInstant();
            if (t.getNano() != 0) {
                problems.add(label + ": " + field + " must be whole seconds (KooGallery's precision), got " + shorten(value));
                return null;
            }
            return t;
        } catch (DateTimeParseException e) {
            problems.add(label + ": " + field + " is not an ISO-8601 time with offset such as 2026-11-29T13:00:00Z: '"
                    + shorten(value) + "'");
            return null;
        }
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
