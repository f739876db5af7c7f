package dev.stallkeeper.billing.domain;

import dev.stallkeeper.platform.Clocks;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * A settlement period: a calendar month in Beijing time (Asia/Shanghai), written {@code yyyyMM}.
 * Times are stored as UTC instants; only period boundaries are computed in Beijing time, so that
 * 2026-01-31T17:00:00Z (01:00 on 1 February in Beijing) belongs to February.
 */
public record BillingPeriod(YearMonth month) implements Comparable<BillingPeriod> {

    public static final ZoneId ZONE = Clocks.BEIJING;

    public BillingPeriod {
        if (month == null) {
            throw new IllegalArgumentException("month is required");
        }
    }

    public static BillingPeriod of(int year, int month) {
        return new BillingPeriod(YearMonth.of(year, month));
    }

    /** Parses {@code yyyyMM}, e.g. {@code 202602}. */
    public static BillingPeriod parse(String text) {
        if (text == null || !text.trim().matches("\\d{6}")) {
            throw new IllegalArgumentException("a period is yyyyMM, e.g. 202602, not '" + text + "'");
        }
        int value = Integer.parseInt(text.trim());
        return fromId(value);
    }

    /** From the integer form stored in the database. */
    public static BillingPeriod fromId(int id) {
        int month = id % 100;
        if (month < 1 || month > 12 || id < 190001 || id > 999912) {
            throw new IllegalArgumentException("a period is yyyyMM with a month 01-12, not " + id);
        }
        return of(id / 100, month);
    }

    /** The period an instant falls in, in Beijing time. */
    public static BillingPeriod containing(Instant instant) {
        return new BillingPeriod(YearMonth.from(instant.atZone(ZONE)));
    }

    public int id() {
        return month.getYear() * 100 + month.getMonthValue();
    }

    /** 00:00 on the first day, Beijing time (inclusive). */
    public Instant start() {
        return month.atDay(1).atStartOfDay(ZONE).toInstant();
    }

    /** 00:00 on the first day of the next month, Beijing time (exclusive). */
    public Instant end() {
        LocalDate next = month.plusMonths(1).atDay(1);
        return next.atStartOfDay(ZONE).toInstant();
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start()) && instant.isBefore(end());
    }

    /** Whether the period is over at {@code now}: only then may it be settled for good. */
    public boolean hasEnded(Instant now) {
        return !now.isBefore(end());
    }

    public BillingPeriod previous() {
        return new BillingPeriod(month.minusMonths(1));
    }

    public BillingPeriod next() {
        return new BillingPeriod(month.plusMonths(1));
    }

    @Override
    public int compareTo(BillingPeriod other) {
        return month.compareTo(other.month);
    }

    @Override
    public String toString() {
        return String.format("%04d%02d", month.getYear(), month.getMonthValue());
    }
}
