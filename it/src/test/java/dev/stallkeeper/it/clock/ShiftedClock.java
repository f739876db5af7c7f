package dev.stallkeeper.it.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Test only (deployed in the EJB module of the application under test, never shipped): the system clock moved by
 * an offset that a test sets through {@link TestClockResource}. It keeps running, so leases, back-offs and
 * timeouts behave as in production; only the calendar is the test's. One instance per deployment, and one in the
 * test JVM ({@link TestClock#CLOCK}) that takes the server's offset.
 */
public final class ShiftedClock extends Clock {

    public static final ShiftedClock INSTANCE = new ShiftedClock();

    private volatile long offsetMillis;

    private ShiftedClock() {
    }

    /** Moves the clock so that it reads {@code at} now; returns the offset from the system clock in milliseconds. */
    public long set(Instant at) {
        offsetMillis = at.toEpochMilli() - System.currentTimeMillis();
        return offsetMillis;
    }

    public long offsetMillis() {
        return offsetMillis;
    }

    /** Moves the clock by {@code millis} from the system clock (the test JVM takes the server's offset so). */
    public void offsetMillis(long millis) {
        offsetMillis = millis;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), Duration.ofMillis(offsetMillis));
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMillis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }
}
