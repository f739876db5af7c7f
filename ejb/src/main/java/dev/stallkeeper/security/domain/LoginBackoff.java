package dev.stallkeeper.security.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * How failed logins slow down the next attempt. A user name may fail {@link #USER_FREE} times in a row, a client
 * address {@link #ADDRESS_FREE} times (an address tries many names); every failure after that locks the subject
 * for twice as long as the one before, from {@link #FIRST_LOCK} up to {@link #MAX_LOCK}. A success resets both.
 * Failures older than {@link #FORGET_AFTER} are forgotten, so an occasional typo never adds up to a lock.
 */
public final class LoginBackoff {

    public static final int USER_FREE = 5;
    public static final int ADDRESS_FREE = 30;
    public static final Duration FIRST_LOCK = Duration.ofSeconds(15);
    public static final Duration MAX_LOCK = Duration.ofMinutes(15);
    public static final Duration FORGET_AFTER = Duration.ofHours(1);

    private LoginBackoff() {
    }

    /** The failure count after one more failure at {@code now}, given the stored count and last failure time. */
    public static int next(int failures, Instant lastFailure, Instant now) {
        return lastFailure == null || lastFailure.plus(FORGET_AFTER).isBefore(now) ? 1 : failures + 1;
    }

    /** Until when a subject with {@code failures} failures is locked (null: not locked). */
    public static Instant lockedUntil(int failures, int free, Instant now) {
        if (failures <= free) {
            return null;
        }
        int doublings = Math.min(failures - free - 1, 20);
        Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
        return now.plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
    }
}
