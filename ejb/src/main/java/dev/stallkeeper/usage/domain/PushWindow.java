package dev.stallkeeper.usage.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * KooGallery's acceptance window (spec §7.2, MKT.9004): a record's {@code begin_time} must lie within the last 21
 * days when it arrives. Stallkeeper stops trying {@code margin} earlier (clock differences, the call's own time)
 * and parks the record instead of sending something KooGallery will refuse.
 */
public record PushWindow(Duration margin) {

    public static final Duration MAX_AGE = Duration.ofDays(21);

    public PushWindow {
        if (margin == null || margin.isNegative() || margin.compareTo(MAX_AGE) >= 0) {
            throw new IllegalArgumentException("window margin must be between 0 and 21 days");
        }
    }

    /** The last moment a record that began at {@code begin} is still sent. */
    public Instant deadline(Instant begin) {
        return begin.plus(MAX_AGE).minus(margin);
    }

    /** Whether a record that began at {@code begin} can no longer be sent at {@code at}. */
    public boolean missed(Instant begin, Instant at) {
        return !at.isBefore(deadline(begin));
    }
}
