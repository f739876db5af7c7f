package dev.stallkeeper.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's one clock ({@link Clocks} produces it): the system clock in UTC. Its offset is zero, always,
 * except while the quick start's demo month is being loaded: then {@link DemoTime}, and nothing else, moves it so
 * that the loader can replay three months of traffic through the application's own services, each at its hour.
 * The offset is one value for the whole process (the background work that a callback hands to another thread lives in
 * the same past as the callback); the demo is loaded while the application deploys, before the server answers any
 * request, and the offset is zero again, for good, before it does.
 */
public final class ApplicationClock extends Clock {

    static final ApplicationClock INSTANCE = new ApplicationClock();

    private volatile long offsetMillis;

    private ApplicationClock() {
    }

    /** Only {@link DemoTime}: the clock reads {@code at} now (and runs on from there). */
    void readAt(Instant at) {
        offsetMillis = at.toEpochMilli() - System.currentTimeMillis();
    }

    /** Only {@link DemoTime}: back to the system clock. */
    void reset() {
        offsetMillis = 0;
    }

    long offsetMillis() {
        return offsetMillis;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        long offset = offsetMillis;
        return offset == 0 ? Clock.system(zone) : Clock.offset(Clock.system(zone), Duration.ofMillis(offset));
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMillis;
    }

    @Override
    public Instant instant() {
        long offset = offsetMillis;
        return offset == 0 ? Instant.now() : Instant.ofEpochMilli(System.currentTimeMillis() + offset);
    }
}
