package dev.stallkeeper.batch.settlement;

import dev.stallkeeper.billing.domain.BillingPeriod;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the monthly reconciliation runs (STALLKEEPER_SETTLEMENT_SCHEDULE): {@code "D HH:mm"}, day of month 1-28 and
 * a time in Beijing time (default {@code "3 02:00"}: KooGallery generates the bill for month M on the 3rd of M+1),
 * or {@code off}. Each firing settles the period before the one it fires in.
 */
public record MonthlySchedule(int dayOfMonth, int hour, int minute) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,2})\\s+(\\d{1,2}):(\\d{2})");

    public MonthlySchedule {
        if (dayOfMonth < 1 || dayOfMonth > 28 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            throw new IllegalArgumentException("day 1-28 (every month has it), hour 0-23, minute 0-59");
        }
    }

    /** Empty for {@code off}. */
    public static Optional<MonthlySchedule> parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("STALLKEEPER_SETTLEMENT_SCHEDULE is 'day HH:mm' in Beijing time"
                    + " (e.g. '3 02:00') or 'off', not '" + text + "'");
        }
        return Optional.of(new MonthlySchedule(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3))));
    }

    /** The period a firing at {@code firedAt} settles: the Beijing month before. */
    public static BillingPeriod periodToSettle(Instant firedAt) {
        return BillingPeriod.containing(firedAt).previous();
    }

    public String timezone() {
        return BillingPeriod.ZONE.getId();
    }

    @Override
    public String toString() {
        return String.format("day %d of each month at %02d:%02d %s", dayOfMonth, hour, minute, timezone());
    }
}
