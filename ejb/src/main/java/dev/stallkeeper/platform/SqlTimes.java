package dev.stallkeeper.platform;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/** Times read by native queries, whichever Java type the driver and Hibernate hand back for a timestamptz. */
public final class SqlTimes {

    private SqlTimes() {
    }

    /** The instant of a timestamp column value; null for SQL NULL. */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalArgumentException("not a time: " + value.getClass());
    }
}
