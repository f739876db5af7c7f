package dev.stallkeeper.usage.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * When a usage record is due for KooGallery (spec §7.2): an hourly-billed product reports an hour's usage in the
 * first 15 minutes of the next hour (usage at 13:25 goes between 14:00 and 14:15), a daily-billed one a day's usage
 * from 00:00 of the next day. A record is due at the first boundary at or after its end, plus {@code delay} (time
 * for the last records of the period to arrive, so that they travel together). Days are counted in {@code zone}
 * (Beijing time, where KooGallery's 01:00 collection is; INFERRED). A record reported late is due at once.
 */
public record PushCadence(Billing billing, ZoneId zone, Duration delay) {

    /** The product's metering granularity. */
    public enum Billing { HOURLY, DAILY }

    public PushCadence {
        Objects.requireNonNull(billing, "billing");
        Objects.requireNonNull(zone, "zone");
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must be zero or positive");
        }
    }

    public static Billing parseBilling(String value) {
        try {
            return Billing.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("usage billing must be HOURLY or DAILY, not '" + value + "'", e);
        }
    }

    /** When the record that ends at {@code end} is to be pushed. */
    public Instant dueAt(Instant end) {
        Instant boundary = switch (billing) {
            case HOURLY -> {
                Instant hour = end.truncatedTo(ChronoUnit.HOURS);
                yield hour.equals(end) ? hour : hour.plus(Duration.ofHours(1));
            }
            case DAILY -> {
                LocalDate day = end.atZone(zone).toLocalDate();
                Instant start = day.atStartOfDay(zone).toInstant();
                yield start.equals(end) ? start : day.plusDays(1).atStartOfDay(zone).toInstant();
            }
        };
        return boundary.plus(delay);
    }
}
