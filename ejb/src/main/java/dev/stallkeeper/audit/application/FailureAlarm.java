package dev.stallkeeper.audit.application;

import java.util.List;
import java.util.Optional;

/**
 * When the seller hears about failing callbacks: the last complete hour had at least {@link #MIN_CALLBACKS}
 * production callbacks, failed at least the configured percentage of them, and failed more than the hour before
 * (rising). One alarm per hour at most (the hour is the notification's key).
 */
public final class FailureAlarm {

    /** Below this many callbacks an hour's rate says little. */
    public static final int MIN_CALLBACKS = 10;

    private FailureAlarm() {
    }

    /**
     * @param hours oldest first, the last one the current (incomplete) hour, as {@link CallbackStatistics#last24Hours}
     * @return the hour to warn about
     */
    public static Optional<CallbackStatistics.Hour> rising(List<CallbackStatistics.Hour> hours, int percent) {
        if (hours.size() < 3) {
            return Optional.empty();
        }
        CallbackStatistics.Hour last = hours.get(hours.size() - 2);
        CallbackStatistics.Hour before = hours.get(hours.size() - 3);
        boolean high = last.count() >= MIN_CALLBACKS && last.failed() * 100 >= (long) percent * last.count();
        return high && last.failureRate() > before.failureRate() ? Optional.of(last) : Optional.empty();
    }
}
