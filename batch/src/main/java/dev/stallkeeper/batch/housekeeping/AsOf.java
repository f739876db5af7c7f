package dev.stallkeeper.batch.housekeeping;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The job parameter {@code asOf}: the instant a run computes its horizons from (default: now). */
final class AsOf {

    private AsOf() {
    }

    static Instant resolve(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return clock.instant();
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("job parameter asOf must be an ISO-8601 instant such as "
                    + "2026-11-29T00:00:00Z, not '" + value + "'", e);
        }
    }
}
